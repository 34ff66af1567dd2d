import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, stubApi } from '../../test/fetch-stub.js';
import { renderInApp } from '../../test/render.js';
import { SignInPage } from './SignInPage.js';

const answer = (status: number, body: unknown) => async () =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function signIn(username: string, password: string) {
  fireEvent.change(screen.getByLabelText('نام کاربری'), { target: { value: username } });
  fireEvent.change(screen.getByLabelText('گذرواژه'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: /ورود/ }));
}

const user = {
  id: 'u1',
  username: 'officer1',
  displayName: 'سروان احمدی',
  role: 'station.officer',
  isDemo: true,
  totpEnabled: false,
  org: { id: 'o1', code: 'K12', kind: 'station', nameFa: 'کلانتری ۱۲', nameEn: 'Station 12' },
};

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
    expect(alert.textContent).toContain('با مدیر سامانه تماس بگیرید');
  });

  it('tells a throttled address to wait, and that the account is not locked', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        answer(429, { error: { code: 'auth.throttled', message: 'x', details: { retryAfterSeconds: 30 } } }),
      ),
    );
    renderInApp(<SignInPage />);
    signIn('officer1', 'secret');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('تلاش‌های ناموفق زیاد بوده است.');
    expect(alert.textContent).toContain('حساب شما قفل نشده است');
  });

  it('asks for the code after the password, and signs in with it', async () => {
    const fetch = stubApi({
      'POST /api/auth/login': () => jsonResponse(200, { next: 'totp', expiresAt: '2026-06-01T08:10:00Z' }),
      'POST /api/auth/second-factor': (_url, init) =>
        JSON.parse(String(init?.body)).code === '123456'
          ? jsonResponse(200, { user })
          : jsonResponse(401, { error: { code: 'auth.invalid_code', message: 'x' } }),
    });
    const { queryClient } = renderInApp(<SignInPage />);
    signIn('officer1', 'secret');
    const code = await screen.findByLabelText('کد');
    expect(screen.getByText('کد ورود دومرحله‌ای')).toBeTruthy();
    expect(queryClient.getQueryData(['auth', 'me'])).toBeUndefined();

    fireEvent.change(code, { target: { value: '000000' } });
    fireEvent.click(screen.getByRole('button', { name: 'تأیید' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'کد نادرست است یا پیش‌تر به کار رفته است.',
    );

    fireEvent.change(screen.getByLabelText('کد'), { target: { value: ' 123456 ' } });
    fireEvent.click(screen.getByRole('button', { name: 'تأیید' }));
    await waitFor(() => expect(queryClient.getQueryData(['auth', 'me'])).toEqual(user));
    expect(fetch).toHaveBeenCalledWith(
      '/api/auth/second-factor',
      expect.objectContaining({ method: 'POST', body: '{"code":"123456"}' }),
    );
  });

  it('sends a user whose role requires TOTP to enrol, shows the recovery codes once, then signs in', async () => {
    stubApi({
      'POST /api/auth/login': () => jsonResponse(200, { next: 'enrol', expiresAt: '2026-06-01T08:10:00Z' }),
      'POST /api/auth/totp/enrolment': () =>
        jsonResponse(200, {
          secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
          otpauthUri: 'otpauth://totp/casebridge:officer1?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
          qrDataUrl: 'data:image/svg+xml;base64,PHN2Zy8+',
        }),
      'POST /api/auth/totp/enrolment/confirm': () =>
        jsonResponse(200, { recoveryCodes: ['AAAA-BBBB-CCCC', 'DDDD-EEEE-FFFF'], session: { user } }),
    });
    const { queryClient } = renderInApp(<SignInPage />);
    signIn('officer1', 'secret');
    expect(await screen.findByText(/نقش شما بدون ورود دومرحله‌ای اجازه‌ی ورود ندارد/)).toBeTruthy();
    const qr = (await screen.findByAltText(
      'کد QR برای افزودن حساب به برنامه‌ی احراز هویت',
    )) as HTMLImageElement;
    expect(qr.src).toBe('data:image/svg+xml;base64,PHN2Zy8+');
    expect(screen.getByTestId('totp-secret').textContent).toContain('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');

    fireEvent.change(screen.getByLabelText('کد شش‌رقمی‌ای که برنامه اکنون نشان می‌دهد'), {
      target: { value: '654321' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'تأیید و فعال‌سازی' }));
    const codes = await screen.findByTestId('recovery-codes');
    expect(codes.textContent).toContain('AAAA-BBBB-CCCC');
    // Not signed in until the user says they kept the codes: the app would replace this page.
    expect(queryClient.getQueryData(['auth', 'me'])).toBeUndefined();
    fireEvent.click(screen.getByRole('button', { name: 'کدها را نگه داشتم، ادامه' }));
    await waitFor(() => expect(queryClient.getQueryData(['auth', 'me'])).toEqual(user));
  });

  it('stores the signed-in user in the session cache', async () => {
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
