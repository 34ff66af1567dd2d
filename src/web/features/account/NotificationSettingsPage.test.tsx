import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, stubApi } from '../../test/fetch-stub.js';
import { renderInApp } from '../../test/render.js';
import { NotificationSettingsPage } from './NotificationSettingsPage.js';

describe('NotificationSettingsPage', { timeout: 30_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('saves the mobile number as typed (any digits) with SMS chosen, and shows a refusal under the field', async () => {
    let refuse = true;
    const fetch = stubApi({
      'GET /api/notifications/settings': () => jsonResponse(200, { phone: null, channels: ['in_app'] }),
      'PUT /api/notifications/settings': () =>
        refuse
          ? jsonResponse(400, {
              error: {
                code: 'users.invalid_phone',
                message: 'bad phone',
                issues: [{ path: 'body.phone', code: 'users.invalid_phone' }],
              },
            })
          : jsonResponse(200, { phone: '09121234567', channels: ['in_app', 'sms'] }),
    });
    renderInApp(<NotificationSettingsPage />);
    const phone = await screen.findByLabelText('شماره‌ی همراه', {}, { timeout: 10_000 });
    fireEvent.change(phone, { target: { value: '۰۹۱۲۱۲۳' } });
    fireEvent.click(screen.getByRole('checkbox'));
    fireEvent.click(screen.getByRole('button', { name: 'ذخیره' }));
    await screen.findByText('شمارهٔ همراه معتبر نیست (۰۹xxxxxxxxx).', {}, { timeout: 10_000 });
    refuse = false;
    fireEvent.change(phone, { target: { value: '۰۹۱۲۱۲۳۴۵۶۷' } });
    fireEvent.click(screen.getByRole('button', { name: 'ذخیره' }));
    await screen.findByText('ذخیره شد.', {}, { timeout: 10_000 });
    const puts = fetch.mock.calls.filter(([, init]) => init?.method === 'PUT');
    expect(JSON.parse(String(puts.at(-1)?.[1]?.body))).toEqual({
      phone: '۰۹۱۲۱۲۳۴۵۶۷',
      channels: ['in_app', 'sms'],
    });
    await waitFor(() => expect((phone as HTMLInputElement).value).toBe('۰۹۱۲۱۲۳۴۵۶۷'));
  });
});
