import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../../domain/auth.schema.js';
import { jsonResponse, stubApi } from '../../test/fetch-stub.js';
import { renderInApp } from '../../test/render.js';
import { SecurityPage } from './SecurityPage.js';

const user = (totpEnabled: boolean): SessionUser => ({
  id: 'u1',
  username: 'officer1',
  displayName: 'سروان احمدی',
  role: 'station.officer',
  isDemo: false,
  totpEnabled,
  org: { id: 'o1', code: 'K12', kind: 'station', nameFa: 'کلانتری ۱۲', nameEn: 'Station 12' },
});

describe('SecurityPage', { timeout: 30_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('says when two-step sign-in is on, and what to do after losing the phone', async () => {
    const fetch = stubApi({});
    renderInApp(<SecurityPage user={user(true)} />);
    const status = await screen.findByTestId('totp-status');
    expect(status.textContent).toContain('ورود دومرحله‌ای برای حساب شما فعال است.');
    expect(status.textContent).toContain('کدهای بازیابی');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('sets it up on request: QR code, first code, recovery codes, then the session is read again', async () => {
    const fetch = stubApi({
      'POST /api/auth/totp/enrolment': () =>
        jsonResponse(200, {
          secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
          otpauthUri: 'otpauth://totp/casebridge:officer1?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
          qrDataUrl: 'data:image/svg+xml;base64,PHN2Zy8+',
        }),
      'POST /api/auth/totp/enrolment/confirm': () => jsonResponse(200, { recoveryCodes: ['AAAA-BBBB-CCCC'] }),
      'GET /api/auth/me': () => jsonResponse(200, { user: user(true) }),
    });
    const { queryClient } = renderInApp(<SecurityPage user={user(false)} />);
    queryClient.setQueryData(['auth', 'me'], user(false));
    expect((await screen.findByTestId('totp-status')).textContent).toContain('فعال نیست');
    // Nothing is made until the user asks.
    expect(fetch).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'راه‌اندازی ورود دومرحله‌ای' }));
    await screen.findByAltText('کد QR برای افزودن حساب به برنامه‌ی احراز هویت');
    expect(fetch.mock.calls.filter(([url]) => url === '/api/auth/totp/enrolment')).toHaveLength(1);
    fireEvent.change(screen.getByLabelText('کد شش‌رقمی‌ای که برنامه اکنون نشان می‌دهد'), {
      target: { value: '123456' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'تأیید و فعال‌سازی' }));
    expect((await screen.findByTestId('recovery-codes')).textContent).toContain('AAAA-BBBB-CCCC');
    fireEvent.click(screen.getByRole('button', { name: 'کدها را نگه داشتم، ادامه' }));
    await waitFor(() => expect(queryClient.getQueryState(['auth', 'me'])?.isInvalidated).toBe(true));
  });
});
