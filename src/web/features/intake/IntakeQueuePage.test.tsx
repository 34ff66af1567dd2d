import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, stubApi } from '../../test/fetch-stub.js';
import { renderInApp } from '../../test/render.js';
import { IntakeQueuePage } from './IntakeQueuePage.js';

const now = new Date('2025-11-29T10:00:00Z');
const inHours = (h: number) => new Date(now.getTime() + h * 3600_000).toISOString();

const summary = (id: string, patch: Record<string, unknown>) => ({
  id,
  caseRef: `ref-${id}`,
  caseNumber: `1404/00000${id}`,
  station: { code: 'TEH-101', name: 'کلانتری ۱۰۱ تهران' },
  crimeCategoryCode: 'theft',
  status: 'received',
  receivedAt: inHours(-1),
  inCustody: false,
  custodyDeadlineAt: null,
  custodyRemainingSeconds: null,
  fileNumber: null,
  partyNames: ['علی رضایی'],
  ...patch,
});

const queue = {
  next: null,
  items: [
    summary('1', { receivedAt: inHours(-2) }),
    summary('2', { status: 'registered', fileNumber: '1404-55', receivedAt: inHours(-30) }),
    summary('3', { inCustody: true, custodyDeadlineAt: inHours(3), receivedAt: inHours(-21) }),
  ],
};

describe('IntakeQueuePage', { timeout: 20_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists custody files first with a red countdown under four hours, then the newest, with Persian labels', async () => {
    stubApi({
      'GET /api/intake': () => jsonResponse(200, queue),
      'GET /api/reference/crime-categories': () =>
        jsonResponse(200, [{ code: 'theft', nameFa: 'سرقت', nameEn: 'Theft' }]),
    });
    renderInApp(<IntakeQueuePage now={() => now} />);
    const table = await screen.findByTestId('intake-queue');
    await within(table).findByText('۱۴۰۴/۰۰۰۰۰۳');
    const rows = [...table.querySelectorAll('tr[data-intake-id]')].map((r) =>
      r.getAttribute('data-intake-id'),
    );
    expect(rows).toEqual(['3', '1', '2']);
    const timer = within(table).getByRole('timer');
    expect(timer.dataset.state).toBe('warning');
    expect(timer.textContent).toBe('۰۳:۰۰:۰۰ مانده');
    expect(within(table).getAllByText('رسیده')).toHaveLength(2);
    expect(within(table).getByText('ثبت‌شده')).toBeTruthy();
    expect(within(table).getByText('۱۴۰۴-۵۵')).toBeTruthy();
    expect((await within(table).findAllByText('سرقت')).length).toBe(3);
  });

  it('asks the server for custody files only when the switch is on', async () => {
    const fetch = stubApi({
      'GET /api/intake': () => jsonResponse(200, queue),
      'GET /api/reference/crime-categories': () => jsonResponse(200, []),
    });
    renderInApp(<IntakeQueuePage now={() => now} />);
    await screen.findByText('۱۴۰۴/۰۰۰۰۰۳');
    fireEvent.click(screen.getByRole('switch', { name: 'فقط پرونده‌های دارای تحت نظر' }));
    await waitFor(() =>
      expect(
        fetch.mock.calls.some(
          ([url]) => String(url).startsWith('/api/intake?') && String(url).includes('custody=true'),
        ),
      ).toBe(true),
    );
  });
});
