import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RolloutDashboard } from '../../../domain/rollout/rollout.schema.js';
import { jsonResponse, stubApi } from '../../test/fetch-stub.js';
import { renderInApp } from '../../test/render.js';
import { RolloutPage } from './RolloutPage.js';

const none = { nodeReady: null, usersCreated: null, firstSent: null, live: null };
const unit = (code: string, nameFa: string, province: string, wave: number, rank: number, live: boolean) => ({
  code,
  nameFa,
  province,
  county: 'شهر',
  wave,
  rank,
  state: live ? ('live' as const) : ('planned' as const),
  onCasebridge: live,
  dates: live ? { ...none, live: '2026-10-01T08:00:00.000Z' } : none,
});
const steps = (planned: number, live: number) => ({
  planned,
  node_ready: 0,
  users_created: 0,
  first_sent: 0,
  live,
});
const dashboard: RolloutDashboard = {
  registerUnits: 3000,
  totals: steps(2, 1),
  waves: [
    { wave: 1, dueAt: null, units: 2, late: false, byState: steps(1, 1) },
    { wave: 2, dueAt: null, units: 1, late: false, byState: steps(1, 0) },
  ],
  byProvince: [
    { province: 'IR-23', units: 2, byState: steps(1, 1) },
    { province: 'IR-07', units: 1, byState: steps(1, 0) },
  ],
  units: [
    unit('KL-101', 'کلانتری ۱۰۱ تهرانپارس', 'IR-23', 1, 1, true),
    unit('KL-302', 'کلانتری ۳۰۲ شیراز', 'IR-07', 1, 2, false),
    unit('PS-9', 'پاسگاه ۹ ورامین', 'IR-23', 2, 1, false),
  ],
};
const speed = {
  months: [],
  returns: { beforeLive: { decided: 0, returned: 0 }, afterLive: { decided: 0, returned: 0 } },
};

function stub(extra: Parameters<typeof stubApi>[0] = {}) {
  return stubApi({
    'GET /api/rollout': () => jsonResponse(200, dashboard),
    'GET /api/rollout/speed': () => jsonResponse(200, speed),
    'GET /api/reference/provinces': () =>
      jsonResponse(200, [
        { code: 'IR-23', nameFa: 'تهران', nameEn: 'Tehran' },
        { code: 'IR-07', nameFa: 'فارس', nameEn: 'Fars' },
      ]),
    ...extra,
  });
}

const listed = () =>
  within(screen.getByTestId('rollout-units-behind')).queryAllByTestId('rollout-unit-behind');

describe('RolloutPage', { timeout: 40_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('opens from each count of the waves, the provinces and the totals the list of the units behind it', async () => {
    stub();
    renderInApp(<RolloutPage canManage={false} />);
    const waves = await screen.findByTestId('rollout-waves');
    const waveOne = within(waves).getAllByRole('row')[1]!;
    // Wave 1, live: the one live unit of the wave.
    fireEvent.click(within(waveOne).getByRole('button', { name: 'فهرست یگان‌ها: موج ۱ — فعال' }));
    await waitFor(() =>
      expect(listed().map((li) => li.textContent)).toEqual([expect.stringContaining('KL-101')]),
    );
    // Wave 1, all its units, in plan order.
    fireEvent.click(within(waveOne).getByRole('button', { name: 'فهرست یگان‌ها: موج ۱' }));
    await waitFor(() =>
      expect(listed().map((li) => li.textContent?.match(/[A-Z]+-\d+/)?.[0])).toEqual(['KL-101', 'KL-302']),
    );
    // A province's planned units: wave 2's post only.
    fireEvent.click(screen.getByRole('button', { name: 'فهرست یگان‌ها: تهران — در برنامه' }));
    await waitFor(() =>
      expect(listed().map((li) => li.textContent?.match(/[A-Z]+-\d+/)?.[0])).toEqual(['PS-9']),
    );
    // The headline total of planned units: both planned units, of every wave and province.
    fireEvent.click(screen.getByRole('button', { name: 'فهرست یگان‌ها: همه — در برنامه' }));
    await waitFor(() =>
      expect(listed().map((li) => li.textContent?.match(/[A-Z]+-\d+/)?.[0])).toEqual(['KL-302', 'PS-9']),
    );
  });

  it('updates the register from casebridge\u2019s own files, says how many units, and reloads the dashboard', async () => {
    const fetch = stub({
      'POST /api/units/refresh-from-files': () =>
        jsonResponse(200, { updated: 2, codes: ['KL-101', 'PS-9'] }),
    });
    renderInApp(<RolloutPage canManage />);
    await screen.findByTestId('rollout-waves');
    const dashboardReads = () =>
      fetch.mock.calls.filter(([url]) => String(url).endsWith('/api/rollout')).length;
    const before = dashboardReads();
    fireEvent.click(screen.getByTestId('refresh-from-files'));
    expect((await screen.findByTestId('refresh-result')).textContent).toBe(
      'آمار ۲ یگان از پرونده‌های یک سال گذشته‌ی خودشان به‌روز شد.',
    );
    await waitFor(() => expect(dashboardReads()).toBeGreaterThan(before));
  });

  it('plans with the figures from the units\u2019 own files when asked', async () => {
    const fetch = stub({
      'POST /api/rollout/plan': () =>
        jsonResponse(200, {
          totalUnits: 3,
          chosenCount: 1,
          theftShare: 0.7,
          visitShare: 0.5,
          criterionShare: 0.7,
          waves: 1,
          chosen: [],
          curve: [],
          byProvince: [],
        }),
    });
    renderInApp(<RolloutPage canManage={false} />);
    const body = async () => {
      fireEvent.click(await screen.findByTestId('plan-submit'));
      await waitFor(() => expect(fetch.mock.calls.some(([, i]) => i?.method === 'POST')).toBe(true));
      const [, init] = fetch.mock.calls.filter(([, i]) => i?.method === 'POST').at(-1)!;
      fetch.mockClear();
      return JSON.parse(String(init?.body)) as { figures?: string };
    };
    expect((await body()).figures).toBeUndefined();
    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'آمار سرقت و مراجعه' }));
    fireEvent.click(await screen.findByText('از پرونده‌های خود یگان‌ها در سامانه'));
    expect(await body()).toMatchObject({ target: 0.6, figures: 'files' });
  });
});
