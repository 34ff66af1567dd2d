import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Order } from '../../../domain/orders/orders.schema.js';
import { anOrder } from '../../test/api-fixtures.js';
import { jsonResponse, signedInAs, stubApi } from '../../test/fetch-stub.js';
import { renderInApp } from '../../test/render.js';
import { OrdersPage } from './OrdersPage.js';

const now = new Date('2025-11-29T10:00:00Z');
const inHours = (h: number) => new Date(now.getTime() + h * 3600_000).toISOString();

/** The steps the server allows, as it hands them over (`order-actions.ts`); the page offers only these. */
const none = { acknowledge: false, report: false, close: false, requestMore: false };
const stationOpen = { ...none, acknowledge: true, report: true };

/** A summons on case 1404/000012, due `hours` from now (overdue when negative). */
const order = (orderId: string, hours: number, patch: Partial<Order> = {}) =>
  anOrder(orderId, {
    caseRef: '1404/000012',
    caseNumber: null,
    caseId: 'c1',
    counterpart: 'دادسرای ناحیه ۴',
    counterpartName: null,
    kind: 'summons',
    text: 'احضار متهم',
    deadlineAt: inHours(hours),
    issuedAt: inHours(-48),
    overdue: hours < 0,
    allowed: stationOpen,
    ...patch,
  });

describe('OrdersPage', { timeout: 20_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists overdue orders first in red, then due soon, then the rest, and lets the station acknowledge', async () => {
    const fetch = stubApi({
      'GET /api/auth/me': signedInAs('station.officer', 'station'),
      'GET /api/orders': () =>
        jsonResponse(200, {
          items: [
            order('later', 72),
            order('soon', 5),
            order('late', -2, { status: 'acknowledged', allowed: { ...none, report: true } }),
          ],
        }),
      'POST /api/orders/soon/acknowledge': () =>
        jsonResponse(200, order('soon', 5, { status: 'acknowledged', allowed: { ...none, report: true } })),
    });
    renderInApp(<OrdersPage now={() => now} />);
    const tracker = await screen.findByTestId('orders-tracker');
    const cards = [...tracker.querySelectorAll('[data-order-id]')];
    expect(cards.map((c) => c.getAttribute('data-order-id'))).toEqual(['late', 'soon', 'later']);
    expect(cards.map((c) => c.getAttribute('data-urgency'))).toEqual(['overdue', 'dueSoon', 'later']);
    expect(within(cards[0] as HTMLElement).getByRole('timer').textContent).toBe('مهلت گذشته: ۰۲:۰۰:۰۰');
    expect(within(cards[2] as HTMLElement).getByRole('timer').textContent).toBe('۳ روز و ۰۰:۰۰:۰۰ مانده');
    expect(screen.getByText('مهلت ۱ دستور گذشته است.')).toBeTruthy();
    // The acknowledged one can only be reported; the open ones can be acknowledged.
    expect(within(cards[0] as HTMLElement).queryByRole('button', { name: 'رؤیت دستور' })).toBeNull();
    fireEvent.click(within(cards[1] as HTMLElement).getByRole('button', { name: 'رؤیت دستور' }));
    await waitFor(() =>
      expect(
        fetch.mock.calls.some(
          ([url, init]) => url === '/api/orders/soon/acknowledge' && init?.method === 'POST',
        ),
      ).toBe(true),
    );
  });

  it('lets the judge review a reported order and ask for more', async () => {
    const fetch = stubApi({
      'GET /api/auth/me': signedInAs('prosecutor.judge', 'prosecutor_office'),
      'GET /api/orders': () =>
        jsonResponse(200, {
          items: [
            order('o1', 10, {
              side: 'office',
              caseId: null,
              intakeFileId: 'f1',
              counterpart: 'کلانتری ۱۰۱',
              status: 'reported',
              report: 'متهم احضار شد',
              reportedAt: inHours(-1),
              allowed: { ...none, close: true, requestMore: true },
            }),
          ],
        }),
      'POST /api/orders/o1/close': () =>
        jsonResponse(
          200,
          order('o1', 10, {
            side: 'office',
            status: 'open',
            outcome: 'more_requested',
            allowed: { ...none, close: true },
          }),
        ),
    });
    renderInApp(<OrdersPage now={() => now} />);
    expect(await screen.findByText('متهم احضار شد')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'رؤیت دستور' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'بررسی گزارش' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByLabelText('نیاز به اقدام بیشتر'));
    fireEvent.change(within(dialog).getByLabelText('یادداشت'), { target: { value: 'صورت‌جلسه پیوست شود' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'ثبت' }));
    await waitFor(() => expect(fetch.mock.calls.some(([url]) => url === '/api/orders/o1/close')).toBe(true));
    const call = fetch.mock.calls.find(([url]) => url === '/api/orders/o1/close');
    expect(JSON.parse(String(call?.[1]?.body))).toEqual({
      outcome: 'more_requested',
      note: 'صورت‌جلسه پیوست شود',
    });
  });

  it('offers only the steps the server allows, whatever the role', async () => {
    stubApi({
      'GET /api/auth/me': signedInAs('station.officer', 'station'),
      'GET /api/orders': () => jsonResponse(200, { items: [order('o1', 10, { allowed: none })] }),
    });
    renderInApp(<OrdersPage now={() => now} />);
    const card = (await screen.findByTestId('orders-tracker')).querySelector('[data-order-id="o1"]');
    expect(card).toBeTruthy();
    expect(within(card as HTMLElement).queryAllByRole('button')).toEqual([]);
  });

  it('asks the server with the filters the URL holds (case number in Latin digits, the Jalali day as instants) and puts a new one in the URL', async () => {
    window.location.hash = '#/orders?state=overdue&caseNumber=۱۴۰۴/۰۰۰۰۱۲&dueDay=۱۴۰۴/۰۹/۱۰';
    const fetch = stubApi({
      'GET /api/auth/me': signedInAs('prosecutor.judge', 'prosecutor_office'),
      'GET /api/orders': () =>
        jsonResponse(200, {
          items: [order('o1', -1, { side: 'office', counterpart: 'KL-101', counterpartName: 'کلانتری ۱۰۱' })],
          next: null,
        }),
    });
    renderInApp(<OrdersPage now={() => now} />);
    await screen.findByTestId('orders-tracker');
    const asked = new URL(
      String(fetch.mock.calls.find(([u]) => String(u).startsWith('/api/orders'))![0]),
      'http://x',
    );
    expect(Object.fromEntries(asked.searchParams)).toEqual({
      state: 'overdue',
      caseNumber: '1404/000012',
      dueFrom: '2025-11-30T20:30:00.000Z',
      dueTo: '2025-12-01T20:30:00.000Z',
    });
    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'طرف مکاتبه' }));
    fireEvent.click(await screen.findByTitle('کلانتری ۱۰۱'));
    await waitFor(() => expect(window.location.hash).toContain('counterpart=KL-101'));
    expect(window.location.hash).toContain('state=overdue');
    window.location.hash = '';
  });
});
