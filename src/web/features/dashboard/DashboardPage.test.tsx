import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, stubApi } from '../../test/fetch-stub.js';
import { renderInApp } from '../../test/render.js';
import { DashboardPage } from './DashboardPage.js';

const now = Date.now();
const inHours = (h: number) => new Date(now + h * 3600_000).toISOString();

const cases = {
  next: null,
  items: [
    {
      id: 'c1',
      caseNumber: '1405/000012',
      trackingCode: 'K7M-4QX-9TR',
      origin: 'complaint',
      status: 'draft',
      crimeCategoryCode: null,
      createdAt: inHours(-21),
      inCustody: true,
      custodyDeadlineAt: inHours(3),
      partyNames: ['علی رضایی'],
    },
    {
      id: 'c2',
      caseNumber: '1405/000007',
      trackingCode: null,
      origin: 'officer_report',
      status: 'returned',
      crimeCategoryCode: null,
      createdAt: inHours(-72),
      inCustody: false,
      custodyDeadlineAt: null,
      partyNames: ['حسن کریمی'],
    },
  ],
};

// The first render of an antd screen can take seconds on a busy CI machine.
describe('DashboardPage', { timeout: 20_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows who is in custody with a red countdown under four hours, and the returned files', async () => {
    stubApi({
      'GET /api/cases': () => jsonResponse(200, cases),
      'GET /api/orders': () => jsonResponse(200, { items: [] }),
    });
    renderInApp(<DashboardPage />);
    const custody = await screen.findByTestId('custody-list');
    const timer = await within(custody).findByRole('timer');
    expect(timer.dataset.state).toBe('warning');
    expect(within(custody).getByText('۱۴۰۵/۰۰۰۰۱۲')).toBeTruthy();
    expect(within(screen.getByTestId('returned-list')).getByText('۱۴۰۵/۰۰۰۰۰۷')).toBeTruthy();
    expect(await screen.findByText('دستور باز قضایی ندارید.')).toBeTruthy();
  });

  it('lists overdue orders first, marked as overdue', async () => {
    stubApi({
      'GET /api/cases': () => jsonResponse(200, { next: null, items: [] }),
      'GET /api/orders': () =>
        jsonResponse(200, {
          items: [
            {
              orderId: 'o1',
              side: 'station',
              caseRef: '1405/000003',
              caseId: 'c3',
              counterpart: 'دادسرای ناحیه ۴',
              kind: 'summons',
              text: 'احضار',
              deadlineAt: inHours(20),
              issuedAt: inHours(-5),
              status: 'open',
              overdue: false,
            },
            {
              orderId: 'o2',
              side: 'station',
              caseRef: '1405/000004',
              caseId: null,
              counterpart: 'دادسرای ناحیه ۴',
              kind: 'investigation',
              text: 'تحقیق',
              deadlineAt: inHours(-2),
              issuedAt: inHours(-50),
              status: 'acknowledged',
              overdue: true,
            },
          ],
        }),
    });
    renderInApp(<DashboardPage />);
    await screen.findByText('تحقیقات');
    const items = screen.getByTestId('orders-list').querySelectorAll('[data-order-id]');
    expect([...items].map((i) => i.getAttribute('data-order-id'))).toEqual(['o2', 'o1']);
    expect(items[0]!.textContent).toContain('مهلت گذشته');
  });

  it('says so when the node has no orders API yet (404) instead of failing', async () => {
    stubApi({ 'GET /api/cases': () => jsonResponse(200, { next: null, items: [] }) });
    renderInApp(<DashboardPage />);
    expect(await screen.findByText('فهرست دستورهای قضایی هنوز در این سامانه فعال نشده است.')).toBeTruthy();
    expect(screen.getByText('کسی تحت نظر نیست.')).toBeTruthy();
  });

  it('lists the escorts under way, late ones marked, and leaves out the delivered', async () => {
    const escort = (escortId: string, status: string, late = false) => ({
      escortId,
      side: 'station',
      caseRef: 'c1',
      caseId: 'c1',
      caseNumber: '1405/000012',
      counterpart: 'ESC-TEH',
      counterpartName: 'یگان بدرقه',
      person: {
        firstName: 'کامران',
        lastName: 'نادری',
        fatherName: null,
        nationalId: null,
        passportNumber: null,
      },
      inCustodySince: null,
      destination: 'court',
      place: 'مجتمع قضایی شهید بهشتی',
      scheduledAt: inHours(late ? -1 : 3),
      reason: 'جلسه‌ی رسیدگی',
      orderId: null,
      status,
      late,
      requestedBy: 'ستوان محمدی',
      requestedAt: inHours(-5),
    });
    stubApi({
      'GET /api/cases': () => jsonResponse(200, { next: null, items: [] }),
      'GET /api/orders': () => jsonResponse(200, { items: [] }),
      'GET /api/escorts': () =>
        jsonResponse(200, {
          items: [escort('e1', 'assigned', true), escort('e2', 'requested'), escort('e3', 'delivered')],
        }),
    });
    renderInApp(<DashboardPage />);
    const list = await screen.findByTestId('escorts-upcoming');
    await within(list).findAllByText('کامران نادری');
    const items = [...list.querySelectorAll('[data-escort-id]')];
    expect(items.map((i) => i.getAttribute('data-escort-id'))).toEqual(['e1', 'e2']);
    expect(items[0]!.textContent).toContain('دیرکرد');
    expect(items[1]!.textContent).toContain('دادگاه — مجتمع قضایی شهید بهشتی');
  });
});
