import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderInApp } from '../../test/render.js';
import { SignInPage } from './SignInPage.js';

const answer = (status: number, body: unknown) => async () =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function signIn(username: string, password: string) {
  fireEvent.change(screen.getByLabelText('نام کاربری'), { target: { value: username } });
  fireEvent.change(screen.getByLabelText('گذرواژه'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: /ورود/ }));
}

// The first render of an antd screen can take seconds on a busy CI machine.
describe('SignInPage', { timeout: 20_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('explains wrong credentials in Persian and clears the password', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(answer(401, { error: { code: 'auth.invalid_credentials', message: 'invalid' } })),
    );
    renderInApp(<SignInPage />);
    signIn('officer1', 'wrong');
    expect((await screen.findByRole('alert')).textContent).toContain('نام کاربری یا گذرواژه نادرست است.');
    await waitFor(() => expect((screen.getByLabelText('گذرواژه') as HTMLInputElement).value).toBe(''));
    expect((screen.getByLabelText('نام کاربری') as HTMLInputElement).value).toBe('officer1');
  });

  it('tells a locked account what to do', async () => {
    vi.stubGlobal('fetch', vi.fn(answer(423, { error: { code: 'auth.locked', message: 'locked' } })));
    renderInApp(<SignInPage />);
    signIn('officer1', 'secret');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('حساب کاربری قفل شده است.');
    expect(alert.textContent).toContain('موقتاً قفل شده');
  });

  it('stores the signed-in user in the session cache', async () => {
    const user = {
      id: 'u1',
      username: 'officer1',
      displayName: 'سروان احمدی',
      role: 'station.officer',
      isDemo: true,
      org: { id: 'o1', code: 'K12', kind: 'station', nameFa: 'کلانتری ۱۲', nameEn: 'Station 12' },
    };
    const fetch = vi.fn(answer(200, { user }));
    vi.stubGlobal('fetch', fetch);
    const { queryClient } = renderInApp(<SignInPage />);
    signIn('officer1', 'secret');
    await waitFor(() => expect(queryClient.getQueryData(['auth', 'me'])).toEqual(user));
    expect(fetch).toHaveBeenCalledWith(
      '/api/auth/login',
      expect.objectContaining({ method: 'POST', body: '{"username":"officer1","password":"secret"}' }),
    );
  });

  it('asks for the username and password before sending', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    renderInApp(<SignInPage />);
    fireEvent.click(screen.getByRole('button', { name: /ورود/ }));
    expect(await screen.findByText('نام کاربری را وارد کنید.')).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();
  });
});
