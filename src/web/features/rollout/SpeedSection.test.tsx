import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Speed } from '../../../domain/rollout/rollout.schema.js';
import { jsonResponse, stubApi } from '../../test/fetch-stub.js';
import { renderInApp } from '../../test/render.js';
import { SpeedSection } from './SpeedSection.js';

const speed: Speed = {
  months: [
    {
      from: '2026-10-22T20:30:00.000Z',
      to: '2026-11-21T20:30:00.000Z',
      received: 12,
      medianHoursToReceipt: 30,
      p90HoursToReceipt: 96,
      registered: 9,
      medianHoursToRegistration: 50,
      p90HoursToRegistration: 120,
      sentElectronically: 12,
      sentOnPaper: 4,
    },
  ],
  returns: { beforeLive: { decided: 10, returned: 4 }, afterLive: { decided: 20, returned: 2 } },
};

describe('SpeedSection', { timeout: 20_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows per Jalali month the times to receipt and registration, the electronic share and the returns before and after going live, in Persian', async () => {
    const fetch = stubApi({ 'GET /api/rollout/speed': () => jsonResponse(200, speed) });
    renderInApp(<SpeedSection now={() => new Date('2026-12-04T02:00:00Z')} />);
    const table = await screen.findByTestId('speed-table');
    expect(String(fetch.mock.calls[0]![0])).toContain('from=2025-12-04T02%3A00%3A00.000Z');
    const row = within(table)
      .getByText(/آبان ۱۴۰۵/)
      .closest('tr')!;
    expect(row.textContent).toContain('۱۲');
    expect(row.textContent).toContain('۳۰ ساعت');
    expect(row.textContent).toContain('۵ روز'); // p90 to registration: 120 hours
    expect(row.textContent).toContain('۷۵٪'); // 12 of 16 files sent electronically
    const section = screen.getByTestId('rollout-speed');
    expect(section.textContent).toContain('۴۰٪');
    expect(section.textContent).toContain('۱۰٪');
    expect(within(section).getByTestId('speed-export')).toBeTruthy();
  });
});
