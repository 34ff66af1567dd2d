import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, stubApi } from '../../test/fetch-stub.js';
import { renderInApp } from '../../test/render.js';
import { UsersPage } from './UsersPage.js';

const userRow = (username: string, totpEnabled: boolean) => ({
  id: `id-${username}`,
  orgId: 'o1',
  username,
  displayName: `کاربر ${username.length}`,
  role: 'station.officer',
  isDemo: false,
  locked: false,
  totpEnabled,
});

const soon = new Date(Date.now() + 60_000).toISOString();

function stubUsersApi() {
  return stubApi({
    'GET /api/organisations': () => jsonResponse(200, { items: [] }),
    'GET /api/users': () =>
      jsonResponse(200, { items: [userRow('with.totp', true), userRow('without.totp', false)] }),
    'DELETE /api/users/id-with.totp/totp': () => jsonResponse(204, undefined),
    'GET /api/auth/throttles': () =>
      jsonResponse(200, {
        items: [
          {
            scope: 'account_address',
            username: 'officer7',
            key: 'officer7',
            address: '10.0.0.9',
            failures: 6,
            lastFailureAt: new Date().toISOString(),
            blockedUntil: soon,
          },
          {
            scope: 'account_address',
            username: null,
            key: '#0123456789abcdef',
            address: '10.0.0.9',
            failures: 2,
            lastFailureAt: new Date().toISOString(),
            blockedUntil: null,
          },
        ],
      }),
    'POST /api/auth/throttles/clear': () => jsonResponse(204, undefined),
  });
}

// The first render of an antd screen can take seconds on a busy CI machine.
describe('UsersPage', { timeout: 60_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('marks users with two-step sign-in and lets the administrator reset it after confirming', async () => {
    const fetch = stubUsersApi();
    renderInApp(<UsersPage />);
    const row = (await screen.findByText('with.totp')).closest('tr')!;
    expect(within(row).getByText('دومرحله‌ای')).toBeTruthy();
    const other = screen.getByText('without.totp').closest('tr')!;
    expect(within(other).queryByRole('button', { name: 'بازنشانی ورود دومرحله‌ای' })).toBeNull();

    fireEvent.click(within(row).getByRole('button', { name: 'بازنشانی ورود دومرحله‌ای' }));
    expect(await screen.findByText(/ورود دومرحله‌ای with.totp برداشته شود؟/)).toBeTruthy();
    const confirm = screen
      .getAllByRole('button', { name: 'بازنشانی ورود دومرحله‌ای' })
      .find((b) => !row.contains(b))!;
    fireEvent.click(confirm);
    await waitFor(() =>
      expect(fetch).toHaveBeenCalledWith(
        '/api/users/id-with.totp/totp',
        expect.objectContaining({ method: 'DELETE' }),
      ),
    );
  });

  it('lists throttled sign-ins, never showing a name that is no user, and clears one', async () => {
    const fetch = stubUsersApi();
    renderInApp(<UsersPage />);
    const section = (await screen.findByRole('heading', { name: 'ورودهای محدودشده' })).closest('section')!;
    const known = (await within(section).findByText('officer7')).closest('tr')!;
    expect(within(known).getByText('یک کاربر از یک نشانی')).toBeTruthy();
    expect(within(known).getByText('10.0.0.9')).toBeTruthy();
    expect(within(section).getByText('نامی که کاربر نیست')).toBeTruthy();
    expect(section.textContent).not.toContain('#0123456789abcdef');

    fireEvent.click(within(known).getByRole('button', { name: 'پاک کردن' }));
    await waitFor(() =>
      expect(fetch).toHaveBeenCalledWith(
        '/api/auth/throttles/clear',
        expect.objectContaining({
          method: 'POST',
          body: JSON.stringify({ scope: 'account_address', key: 'officer7', address: '10.0.0.9' }),
        }),
      ),
    );
  });
});
