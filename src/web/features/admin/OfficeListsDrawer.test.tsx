import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Organisation } from '../../../domain/organisations.schema.js';
import { jsonResponse, stubApi } from '../../test/fetch-stub.js';
import { renderInApp } from '../../test/render.js';
import { OfficeListsDrawer } from './OfficeListsDrawer.js';

const org = {
  id: 'o1',
  code: 'DA-1',
  kind: 'prosecutor_office',
  nameFa: 'دادسرای ناحیه ۴',
  nameEn: 'Office 4',
} as Organisation;

describe('the office\u2019s lists in the admin\u2019s hands', { timeout: 20_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('adds a branch, retires a دادیار, and shows the server\u2019s refusal as a Persian sentence', async () => {
    const sent: { method: string; body: unknown }[] = [];
    stubApi({
      'GET /api/organisations/o1/office-lists': () =>
        jsonResponse(200, {
          branches: [],
          staff: [{ id: 's1', kind: 'assistant_prosecutor', name: 'رحیمی', active: true }],
        }),
      'POST /api/organisations/o1/office-lists': (_url, init) => {
        sent.push({ method: 'POST', body: JSON.parse(String(init?.body)) });
        return jsonResponse(409, { error: { code: 'office_lists.name_taken', message: 'taken' } });
      },
      'PATCH /api/organisations/o1/office-lists/s1': (_url, init) => {
        sent.push({ method: 'PATCH', body: JSON.parse(String(init?.body)) });
        return jsonResponse(200, { id: 's1', kind: 'assistant_prosecutor', name: 'رحیمی', active: false });
      },
    });
    renderInApp(<OfficeListsDrawer org={org} onClose={() => {}} />);
    const drawer = await screen.findByRole('dialog');
    expect(await within(drawer).findByText('رحیمی')).toBeTruthy();
    fireEvent.click(within(drawer).getByRole('button', { name: 'کنار گذاشتن' }));
    fireEvent.change(within(drawer).getByLabelText('نام'), { target: { value: 'شعبه ۴' } });
    fireEvent.click(within(drawer).getByRole('button', { name: 'افزودن' }));
    expect(await within(drawer).findByText('این نام پیش‌تر در فهرست هست.')).toBeTruthy();
    await waitFor(() =>
      expect(sent).toEqual(
        expect.arrayContaining([
          { method: 'PATCH', body: { active: false } },
          { method: 'POST', body: { kind: 'branch', name: 'شعبه ۴' } },
        ]),
      ),
    );
  });
});
