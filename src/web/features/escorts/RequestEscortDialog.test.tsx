import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaseDetail } from '../../../domain/cases/case.schema.js';
import { jsonResponse, stubApi } from '../../test/fetch-stub.js';
import { renderInApp } from '../../test/render.js';
import { RequestEscortDialog } from './RequestEscortDialog.js';

const caseId = '0193a1b2-0000-7000-8000-000000000009';
const party = (id: string, role: 'complainant' | 'accused', firstName: string) => ({
  id,
  role,
  firstName,
  lastName: 'احمدی',
  fatherName: null,
  nationalId: null,
  passportNumber: null,
  nationality: 'IR',
  mobile: null,
  address: null,
});
const detail = {
  id: caseId,
  parties: [party('p-complainant', 'complainant', 'مریم'), party('p-accused', 'accused', 'رضا')],
  custody: [
    {
      id: 'k1',
      partyId: 'p-accused',
      startedAt: '2025-11-29T02:00:00Z',
      endedAt: null,
      endReason: null,
      deadlineAt: '2025-11-30T02:00:00Z',
      remainingSeconds: 0,
      breached: false,
    },
  ],
} as unknown as CaseDetail;

async function fill(dialog: HTMLElement) {
  fireEvent.change(within(dialog).getByLabelText('نشانی و واحد مقصد'), {
    target: { value: 'دادسرای ناحیه ۴ تهران' },
  });
  fireEvent.change(within(dialog).getByLabelText('علت'), { target: { value: 'معرفی به بازپرس' } });
}

describe('RequestEscortDialog', { timeout: 20_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks for the person held in custody first, to the prosecutor\u2019s office, at the time picked', async () => {
    const fetch = stubApi({
      'GET /api/orders': () => jsonResponse(200, { items: [] }),
      [`POST /api/cases/${caseId}/escorts`]: () => jsonResponse(201, {}),
    });
    const onClose = vi.fn();
    let at = new Date('2025-11-29T10:00:00Z');
    renderInApp(<RequestEscortDialog detail={detail} open onClose={onClose} now={() => at} />);
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('رضا احمدی (متهم)')).toBeTruthy();
    await fill(dialog);
    fireEvent.click(within(dialog).getByRole('button', { name: 'اکنون' }));
    at = new Date('2025-11-29T09:00:00Z');
    fireEvent.click(within(dialog).getByRole('button', { name: 'فرستادن درخواست' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const [, init] = fetch.mock.calls.find(([url]) => String(url).includes('/escorts'))!;
    expect(JSON.parse(String(init?.body))).toEqual({
      partyId: 'p-accused',
      destination: 'prosecutor_office',
      place: 'دادسرای ناحیه ۴ تهران',
      scheduledAt: '2025-11-29T10:00:00.000Z',
      reason: 'معرفی به بازپرس',
      orderId: null,
    });
  });

  it('sends nothing without a time, and says so', async () => {
    const fetch = stubApi({ 'GET /api/orders': () => jsonResponse(200, { items: [] }) });
    renderInApp(<RequestEscortDialog detail={detail} open onClose={() => {}} />);
    const dialog = await screen.findByRole('dialog');
    await fill(dialog);
    fireEvent.click(within(dialog).getByRole('button', { name: 'فرستادن درخواست' }));
    expect(await within(dialog).findByText('زمان بدرقه را انتخاب کنید.')).toBeTruthy();
    expect(fetch.mock.calls.some(([url]) => String(url).includes('/escorts'))).toBe(false);
  });
});
