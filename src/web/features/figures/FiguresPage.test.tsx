import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Figures } from '../../../domain/figures/figures.schema.js';
import { jsonResponse, stubApi } from '../../test/fetch-stub.js';
import { renderInApp } from '../../test/render.js';
import { FiguresPage } from './FiguresPage.js';

// 13 Azar 1405, 05:30 in Tehran.
const now = () => new Date('2026-12-04T02:00:00Z');

const station = (opened: number, overdue: number) => ({
  opened,
  complaints: opened - 1,
  sent: opened - 1,
  medianHoursToSend: 2.5,
  registered: 2,
  returned: 1,
  rejected: 0,
  medianHoursToAnswer: null,
  custodyStarted: 1,
  custodyOverLimit: 0,
  inCustodyNow: 1,
  ordersReceived: 1,
  ordersOverdue: overdue,
  escortsRequested: 2,
  escortsDone: 1,
  escortsLate: 0,
});

const police: Figures = {
  view: 'police',
  from: '2026-11-21T20:30:00.000Z',
  to: '2026-12-04T02:00:00.000Z',
  generatedAt: '2026-12-04T02:00:00.000Z',
  rows: [
    { unit: { code: 'KL-101', name: 'کلانتری ۱۰۱ تهرانپارس' }, figures: station(12, 0) },
    { unit: { code: 'KL-102', name: 'کلانتری ۱۰۲ نارمک' }, figures: station(1234, 2) },
  ],
  total: { ...station(1246, 2), registered: 4, returned: 2 },
  topDeficiencies: [{ code: 'deficiency.evidence', count: 2 }],
  topRejections: [],
  breaches: { rows: [], total: 0 },
};

// The first render of an antd screen can take seconds on a busy CI machine.
describe('FiguresPage', { timeout: 20_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks for this Jalali month by default and shows each unit, the total and the alarms in Persian', async () => {
    const fetch = stubApi({ 'GET /api/figures': () => jsonResponse(200, police) });
    renderInApp(<FiguresPage now={now} />);
    const table = await screen.findByTestId('figures-table');
    expect(fetch.mock.calls[0]![0]).toBe(
      '/api/figures?from=2026-11-21T20%3A30%3A00.000Z&to=2026-12-04T02%3A00%3A00.000Z',
    );
    const row = within(table).getByText('کلانتری ۱۰۲ نارمک').closest('tr')!;
    expect(row.textContent).toContain('۱٬۲۳۴');
    expect(row.textContent).toContain('۲٫۵');
    expect(row.textContent).toContain('۳۳٪'); // one of three answers came back for completion
    expect(row.querySelector('[data-alarm="true"]')?.textContent).toBe('۲'); // two orders overdue
    expect(within(screen.getByTestId('figures-total')).getByText('۱٬۲۴۶')).toBeTruthy();
    expect(screen.getByTestId('figures-period').textContent).toContain('۱۴۰۵/۰۹/۰۱');
    expect(screen.getByText(/ادله یا صورت‌جلسه‌ی کشف و ضبط پیوست نشده است/).textContent).toContain('۲');
    expect(within(screen.getByTestId('figures-headline')).getByText('۱٬۲۴۶')).toBeTruthy();
  });

  it('opens the cases behind a unit\u2019s figure, with the same period and unit, each linked to its case', async () => {
    const caseId = '0b9d4f64-5a8c-4e64-9c53-3a5b1f4c2d10';
    const fetch = stubApi({
      'GET /api/figures': () => jsonResponse(200, police),
      'GET /api/figures/cases': () =>
        jsonResponse(200, {
          items: [
            {
              key: caseId,
              at: '2026-12-01T08:00:00.000Z',
              unit: { code: 'KL-102', name: 'کلانتری ۱۰۲ نارمک' },
              caseId,
              intakeId: null,
              caseNumber: '1405-102-77',
            },
          ],
          next: null,
        }),
    });
    renderInApp(<FiguresPage now={now} />);
    const table = await screen.findByTestId('figures-table');
    const row = within(table).getByText('کلانتری ۱۰۲ نارمک').closest('tr')!;
    fireEvent.click(within(row).getByText('۱٬۲۳۴'));
    const drawer = await screen.findByTestId('figure-cases');
    const link = await within(drawer).findByText('۱۴۰۵-۱۰۲-۷۷');
    expect(link.closest('a')?.getAttribute('href')).toBe(`#/cases/${caseId}`);
    const asked = String(fetch.mock.calls.find((c) => String(c[0]).startsWith('/api/figures/cases'))![0]);
    expect(asked).toContain('measure=opened');
    expect(asked).toContain('unit=KL-102');
    expect(asked).toContain('from=2026-11-21T20%3A30%3A00.000Z');
    expect(screen.getByText('پرونده‌ی تشکیل‌شده — کلانتری ۱۰۲ نارمک')).toBeTruthy();
  });

  it('asks again from 1 Farvardin when this year is picked', async () => {
    const fetch = stubApi({ 'GET /api/figures': () => jsonResponse(200, police) });
    renderInApp(<FiguresPage now={now} />);
    await screen.findByTestId('figures-table');
    fireEvent.click(screen.getByText('امسال'));
    await waitFor(() => expect(fetch).toHaveBeenCalledTimes(2));
    expect(fetch.mock.calls[1]![0]).toContain('from=2026-03-20T20%3A30%3A00.000Z');
  });

  it('shows an office its intake per sending station', async () => {
    const intake = {
      received: 7,
      registered: 5,
      returned: 1,
      rejected: 1,
      medianHoursToDecide: 20,
      awaitingDecision: 3,
      ordersIssued: 2,
      ordersOverdue: 0,
    };
    const office: Figures = {
      ...police,
      view: 'office',
      rows: [
        {
          unit: { code: 'KL-101', name: 'کلانتری ۱۰۱ تهرانپارس' },
          figures: intake,
        },
      ],
      total: intake,
    };
    stubApi({
      'GET /api/figures': () => jsonResponse(200, office),
      'GET /api/figures/office-staff': () =>
        jsonResponse(200, {
          from: '2026-03-01T00:00:00Z',
          to: '2026-04-01T00:00:00Z',
          branches: [{ name: 'شعبه ۴', registered: 12, ordersIssued: 3, ordersPending: 2, ordersOverdue: 1 }],
          staff: [],
        }),
    });
    renderInApp(<FiguresPage now={now} />);
    // Per branch and per دادیار, in Persian digits.
    const staff = await screen.findByTestId('office-staff-figures');
    expect(await within(staff).findByText('شعبه ۴')).toBeTruthy();
    expect(within(staff).getByText('۱۲')).toBeTruthy();
    expect(within(staff).getByText('هنوز پرونده‌ای به شعبه یا دادیاری سپرده نشده است.')).toBeTruthy();
    const table = await screen.findByTestId('figures-table');
    expect(within(table).getAllByText('در انتظار تصمیم (اکنون)').length).toBeGreaterThan(0);
    expect(within(table).queryByText('تحت نظر اکنون')).toBeNull();
    expect(screen.queryByTestId('figures-total')).toBeNull(); // one station: no total row
    expect(screen.getByText(/پرونده‌های رسیده از هر کلانتری/)).toBeTruthy();
  });

  it('says what went wrong as a sentence', async () => {
    stubApi({
      'GET /api/figures': () =>
        jsonResponse(400, { error: { code: 'figures.invalid_period', message: 'x' } }),
    });
    renderInApp(<FiguresPage now={now} />);
    expect(await screen.findByText(/بازه‌ی زمانی درست نیست/)).toBeTruthy();
  });
});
