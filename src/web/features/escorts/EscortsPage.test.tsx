import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Escort } from '../../../domain/escorts/escorts.schema.js';
import { jsonResponse, signedInAs, stubApi } from '../../test/fetch-stub.js';
import { renderInApp } from '../../test/render.js';
import { EscortsPage } from './EscortsPage.js';

const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

/** The steps the server allows, as it hands them over (`escort-actions.ts`); the card offers only these. */
const none = { assign: false, pickUp: false, deliver: false, cancel: false };

const escort = (escortId: string, patch: Partial<Escort> = {}): Escort => ({
  escortId,
  side: 'escort_unit',
  caseRef: 'c1',
  caseId: null,
  caseNumber: '1405/000012',
  counterpart: 'KL-101',
  counterpartName: 'کلانتری ۱۰۱ تهرانپارس',
  person: {
    firstName: 'کامران',
    lastName: 'نادری',
    fatherName: 'حسین',
    nationalId: '0499370899',
    passportNumber: null,
  },
  inCustodySince: inHours(-20),
  destination: 'prosecutor_office',
  place: 'دادسرای ناحیه ۴ تهران',
  scheduledAt: inHours(2),
  reason: 'معرفی به بازپرس',
  orderId: null,
  status: 'requested',
  late: false,
  requestedBy: 'ستوان محمدی',
  requestedAt: inHours(-1),
  officers: null,
  vehicle: null,
  assignedAt: null,
  pickedUpAt: null,
  pickedUpFrom: null,
  deliveredAt: null,
  deliveredTo: null,
  cancelledAt: null,
  cancelReason: null,
  allowed: { ...none, assign: true },
  ...patch,
});

// The first render of an antd screen can take seconds on a busy CI machine.
describe('EscortsPage', { timeout: 20_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the escort unit whom to take where, with the custody clock, and lets it assign officers', async () => {
    const fetch = stubApi({
      'GET /api/auth/me': signedInAs('escort.officer', 'escort_unit'),
      'GET /api/escorts': () => jsonResponse(200, { items: [escort('e1')] }),
      'POST /api/escorts/e1/assign': () =>
        jsonResponse(
          200,
          escort('e1', { status: 'assigned', allowed: { ...none, assign: true, pickUp: true } }),
        ),
    });
    renderInApp(<EscortsPage />);
    const card = (await screen.findByTestId('escorts-list')).querySelector(
      '[data-escort-id="e1"]',
    ) as HTMLElement;
    expect(card.textContent).toContain('کامران نادری');
    expect(card.textContent).toContain('فرزند حسین');
    expect(card.textContent).toContain('کد ملی ۰۴۹۹۳۷۰۸۹۹');
    expect(card.textContent).toContain('دادسرا — دادسرای ناحیه ۴ تهران');
    expect(within(card).getByRole('timer')).toBeTruthy(); // the 24-hour custody clock
    fireEvent.click(await within(card).findByRole('button', { name: 'تعیین مأموران' }));
    const dialog = await screen.findByRole('form', { name: 'تعیین مأموران بدرقه' });
    fireEvent.change(within(dialog).getByLabelText('مأموران بدرقه'), { target: { value: 'ستوان کریمی' } });
    fireEvent.click(screen.getByRole('button', { name: 'ثبت و اعلام به کلانتری' }));
    await waitFor(() => expect(fetch.mock.calls.some(([url]) => String(url).endsWith('/assign'))).toBe(true));
    const [, init] = fetch.mock.calls.find(([url]) => String(url).endsWith('/assign'))!;
    expect(JSON.parse(String(init?.body))).toEqual({ officers: 'ستوان کریمی', vehicle: null });
  });

  it('says how many escorts are late, marks them, and keeps delivered ones for "all"', async () => {
    stubApi({
      'GET /api/auth/me': signedInAs('escort.officer', 'escort_unit'),
      'GET /api/escorts': () =>
        jsonResponse(200, {
          items: [
            escort('late', {
              status: 'assigned',
              late: true,
              scheduledAt: inHours(-1),
              allowed: { ...none, assign: true, pickUp: true },
            }),
            escort('done', {
              status: 'delivered',
              deliveredTo: 'مدیر دفتر',
              deliveredAt: inHours(-3),
              allowed: none,
            }),
          ],
        }),
    });
    renderInApp(<EscortsPage />);
    expect(
      await screen.findByText('۱ بدرقه از زمان خود گذشته و شخص هنوز تحویل گرفته نشده است.'),
    ).toBeTruthy();
    const list = screen.getByTestId('escorts-list');
    expect(list.querySelector('[data-escort-id="done"]')).toBeNull();
    expect(
      within(list.querySelector('[data-escort-id="late"]') as HTMLElement).getByText('دیرکرد'),
    ).toBeTruthy();
    fireEvent.click(screen.getByText('همه'));
    expect(await screen.findByText(/مدیر دفتر/)).toBeTruthy();
  });

  it('lets the station call its request off, and not carry it out', async () => {
    stubApi({
      'GET /api/auth/me': signedInAs('station.officer', 'station'),
      'GET /api/escorts': () =>
        jsonResponse(200, {
          items: [escort('e2', { side: 'station', caseId: 'c1', allowed: { ...none, cancel: true } })],
        }),
    });
    renderInApp(<EscortsPage />);
    const card = (await screen.findByTestId('escorts-list')).querySelector(
      '[data-escort-id="e2"]',
    ) as HTMLElement;
    expect(await within(card).findByRole('button', { name: 'لغو بدرقه' })).toBeTruthy();
    expect(within(card).queryByRole('button', { name: 'تعیین مأموران' })).toBeNull();
  });

  it('offers only the steps the server allows, whatever the role', async () => {
    stubApi({
      'GET /api/auth/me': signedInAs('escort.officer', 'escort_unit'),
      'GET /api/escorts': () => jsonResponse(200, { items: [escort('e3', { allowed: none })] }),
    });
    renderInApp(<EscortsPage />);
    const card = (await screen.findByTestId('escorts-list')).querySelector(
      '[data-escort-id="e3"]',
    ) as HTMLElement;
    expect(card.textContent).toContain('کامران نادری');
    expect(within(card).queryAllByRole('button')).toEqual([]);
  });
});
