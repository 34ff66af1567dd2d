import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, stubApi } from '../../test/fetch-stub.js';
import { renderInApp } from '../../test/render.js';
import { CaseMessageTrail } from './MessageTrail.js';

const caseId = 'c1';
const message = (seq: number, patch: Record<string, unknown>) => ({
  id: `m${seq}`,
  type: 'case.submitted',
  direction: 'out',
  from: 'کلانتری ۱۰۱',
  to: 'دادسرای ناحیه ۴',
  seq,
  sha256: 'ab'.repeat(32),
  createdAt: '2025-11-29T07:00:00Z',
  status: 'delivered',
  receiptAt: '2025-11-29T07:00:05Z',
  outbox: null,
  verification: { signature: 'valid', threadLinkOk: true },
  ...patch,
});

describe('CaseMessageTrail', { timeout: 20_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows each message with its Persian type, direction, status and verification', async () => {
    stubApi({
      [`GET /api/cases/${caseId}/messages`]: () =>
        jsonResponse(200, {
          items: [
            message(2, {
              type: 'intake.returned',
              direction: 'in',
              from: 'دادسرای ناحیه ۴',
              to: 'کلانتری ۱۰۱',
              status: 'accepted',
              receiptAt: null,
              verification: { signature: 'unknown_key', threadLinkOk: true },
            }),
            message(1, {}),
          ],
        }),
    });
    renderInApp(<CaseMessageTrail caseId={caseId} />);
    await screen.findByText('ارسال پرونده');
    const rows = [...document.querySelectorAll('tr[data-message-type]')];
    expect(rows.map((r) => r.getAttribute('data-message-type'))).toEqual([
      'case.submitted',
      'intake.returned',
    ]);
    expect(within(rows[0] as HTMLElement).getByText('ارسالی به دادسرای ناحیه ۴')).toBeTruthy();
    expect(within(rows[0] as HTMLElement).getByText('امضا و زنجیره معتبر')).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByText('عودت برای رفع نقص')).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByText('دریافتی از دادسرای ناحیه ۴')).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByText('اعتبارسنجی ناموفق')).toBeTruthy();
  });

  it('shows the attempts, last error and next try of a queued message', async () => {
    stubApi({
      [`GET /api/cases/${caseId}/messages`]: () =>
        jsonResponse(200, {
          items: [
            message(1, {
              status: 'queued',
              receiptAt: null,
              outbox: { attempts: 3, lastError: 'ECONNREFUSED', nextAttemptAt: '2025-11-29T07:10:00Z' },
            }),
          ],
        }),
    });
    renderInApp(<CaseMessageTrail caseId={caseId} />);
    const outbox = await screen.findByTestId('outbox-state');
    expect(outbox.textContent).toContain('۳ بار تلاش');
    expect(outbox.textContent).toContain('ECONNREFUSED');
    expect(outbox.querySelector('time')?.getAttribute('datetime')).toBe('2025-11-29T07:10:00.000Z');
  });
});
