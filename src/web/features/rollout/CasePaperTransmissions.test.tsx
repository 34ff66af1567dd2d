import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaseDetail } from '../../../domain/cases/case.schema.js';
import { jsonResponse, stubApi } from '../../test/fetch-stub.js';
import { renderInApp } from '../../test/render.js';
import { CasePaperTransmissions } from './CasePaperTransmissions.js';

const caseId = '0193a1b2-0000-7000-8000-000000000011';
const detail = { id: caseId, allowed: { recordPaper: true } } as unknown as CaseDetail;
const listUrl = 'GET /api/paper-transmissions';

describe('CasePaperTransmissions', { timeout: 20_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('records the case as sent on paper at the time picked, and the page then shows it', async () => {
    const recorded: object[] = [];
    const fetch = stubApi({
      [listUrl]: () => jsonResponse(200, { items: recorded }),
      'POST /api/paper-transmissions': () => {
        recorded.push({ id: 'p1', sentAt: '2025-11-29T10:00:00.000Z', files: 2, caseNumber: '1404/000011' });
        return jsonResponse(201, recorded[0]);
      },
    });
    renderInApp(<CasePaperTransmissions detail={detail} now={() => new Date('2025-11-29T10:00:00Z')} />);
    expect(await screen.findByText('ارسال کاغذی برای این پرونده ثبت نشده است.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'ثبت ارسال کاغذی' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'ثبت' }));
    expect(await within(dialog).findByText('زمان ارسال را انتخاب کنید.')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'اکنون' }));
    fireEvent.change(within(dialog).getByLabelText('شمار پرونده‌ها'), { target: { value: '2' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'ثبت' }));
    expect(await screen.findByText(/۲ پرونده/)).toBeTruthy();
    const [, init] = fetch.mock.calls.find(([, i]) => i?.method === 'POST')!;
    expect(JSON.parse(String(init?.body))).toEqual({ caseId, sentAt: '2025-11-29T10:00:00.000Z', files: 2 });
  });

  it('shows the server\u2019s refusal as a Persian sentence and keeps the dialog open', async () => {
    stubApi({
      [listUrl]: () => jsonResponse(200, { items: [] }),
      'POST /api/paper-transmissions': () =>
        jsonResponse(400, { error: { code: 'paper.sent_in_future', message: 'future' } }),
    });
    renderInApp(<CasePaperTransmissions detail={detail} now={() => new Date('2025-11-29T10:00:00Z')} />);
    fireEvent.click(await screen.findByRole('button', { name: 'ثبت ارسال کاغذی' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'اکنون' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'ثبت' }));
    expect(await within(dialog).findByText('تاریخ ارسال کاغذی در آینده است.')).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('dialog')).toBeTruthy());
  });
});
