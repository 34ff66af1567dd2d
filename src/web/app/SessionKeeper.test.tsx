import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { sessionClock } from '../api/session-clock.js';
import { sessionKey } from '../features/auth/api.js';
import { jsonResponse, stubApi } from '../test/fetch-stub.js';
import { renderInApp } from '../test/render.js';
import { SessionKeeper } from './SessionKeeper.js';

const user = {
  id: 'u1',
  username: 'officer',
  displayName: 'افسر',
  role: 'station.officer' as const,
  isDemo: false,
  totpEnabled: true,
  org: { id: 'o1', code: 'KL-101', kind: 'station' as const, nameFa: 'کلانتری ۱۰۱', nameEn: 'Station 101' },
};
const inTwelveHours = () => new Date(Date.now() + 12 * 60 * 60_000).toISOString();

/** The session's keeper over a screen with something typed in it. */
function renderScreen() {
  return renderInApp(
    <>
      <input aria-label="شرح ماجرا" defaultValue="" />
      <SessionKeeper user={user} />
    </>,
    { prepare: (client) => client.setQueryData(sessionKey, user) },
  );
}

// The first render of an antd screen can take seconds on a busy machine.
describe('SessionKeeper', { timeout: 20_000 }, () => {
  afterEach(() => {
    sessionClock.forget();
    vi.unstubAllGlobals();
  });

  it('warns five minutes before the session ends, in Jalali time, and extends it', async () => {
    const fetch = stubApi({
      'POST /api/auth/session/extend': () => jsonResponse(200, { user, expiresAt: inTwelveHours() }),
    });
    sessionClock.note(new Date(Date.now() + 20 * 60_000).toISOString());
    renderScreen();
    expect(screen.queryByText('نشست شما رو به پایان است')).toBeNull();
    sessionClock.note(new Date(Date.now() + 4 * 60_000).toISOString());
    expect(await screen.findByText('نشست شما رو به پایان است')).toBeTruthy();
    expect(screen.getByText(/نشست شما در .*۱۴[۰-۹]{2}.* به پایان می‌رسد/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'تمدید نشست' }));
    await waitFor(() => expect(sessionClock.getSnapshot().endsAt! - Date.now()).toBeGreaterThan(60 * 60_000));
    expect(fetch).toHaveBeenCalledWith(
      '/api/auth/session/extend',
      expect.objectContaining({ method: 'POST' }),
    );
  });

  it('asks for the password and the code in a dialog once the session has ended, keeping what was typed', async () => {
    const fetch = stubApi({
      'POST /api/auth/login': () => jsonResponse(200, { next: 'totp', expiresAt: inTwelveHours() }),
      'POST /api/auth/second-factor': () => jsonResponse(200, { user, expiresAt: inTwelveHours() }),
    });
    renderScreen();
    fireEvent.change(screen.getByLabelText('شرح ماجرا'), { target: { value: 'سرقت خودرو' } });
    sessionClock.markEnded();
    expect(await screen.findByText('نشست شما به پایان رسید')).toBeTruthy();
    // The username is the user's; only the password is asked.
    expect(screen.getByLabelText('نام کاربری')).toHaveProperty('value', 'officer');
    fireEvent.change(screen.getByLabelText('گذرواژه'), { target: { value: 'secret-password' } });
    fireEvent.click(screen.getByRole('button', { name: 'ورود' }));
    fireEvent.change(await screen.findByLabelText('کد'), { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'تأیید' }));
    await waitFor(() => expect(sessionClock.getSnapshot().ended).toBe(false));
    expect(screen.getByLabelText('شرح ماجرا')).toHaveProperty('value', 'سرقت خودرو');
    expect(fetch.mock.calls.map(([url]) => String(url))).toEqual([
      '/api/auth/login',
      '/api/auth/second-factor',
    ]);
  });

  it('ends the session here when its time has passed without an answer', async () => {
    stubApi({});
    sessionClock.note(new Date(Date.now() - 1000).toISOString());
    renderScreen();
    expect(await screen.findByText('نشست شما به پایان رسید')).toBeTruthy();
  });
});
