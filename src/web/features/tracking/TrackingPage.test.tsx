import { fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, stubApi } from '../../test/fetch-stub.js';
import { renderInApp } from '../../test/render.js';
import { TrackingPage } from './TrackingPage.js';
import fa from '../../i18n/fa.json' with { type: 'json' };

const errorText = (code: string) => (fa.errors.tracking as Record<string, string>)[code.split('.')[1] ?? ''];

const status = {
  status: 'received',
  caseNumber: '1405/000012',
  stationName: 'کلانتری ۱۲ تهران',
  receivedAt: '2025-11-28T23:15:00.000Z',
  receivedAtLocal: '1404/09/08 02:45',
  sentAt: null,
  updatedAt: '2025-11-28T23:20:00.000Z',
};

const SEND = 'فرستادن کد یک‌بار مصرف';
const codeSent = () => jsonResponse(200, { sentTo: '***4567' });

/** Step one: the tracking code and the national ID (the code is asked for). */
function askCode(code: string, nationalId: string) {
  fireEvent.change(screen.getByLabelText('کد رهگیری'), { target: { value: code } });
  fireEvent.change(screen.getByLabelText('کد ملی شاکی'), { target: { value: nationalId } });
  fireEvent.click(screen.getByRole('button', { name: SEND }));
}

/** Step two: the one-time code from the SMS. */
async function enterOtp(otp: string) {
  fireEvent.change(await screen.findByLabelText('کد یک‌بار مصرف'), { target: { value: otp } });
  fireEvent.click(screen.getByRole('button', { name: 'پیگیری' }));
}

async function track(code: string, nationalId: string) {
  askCode(code, nationalId);
  await enterOtp('۱۲۳۴۵۶');
}

// The first render of an antd screen can take seconds on a busy CI machine.
describe('TrackingPage', { timeout: 20_000 }, () => {
  beforeEach(() => {
    window.location.hash = '#/track';
  });
  afterEach(() => vi.unstubAllGlobals());

  it('asks for the code, says where it went, takes it in Persian digits, and says the status in plain Persian', async () => {
    const fetch = stubApi({
      'POST /api/public/tracking/code': codeSent,
      'GET /api/public/tracking': () => jsonResponse(200, status),
    });
    renderInApp(<TrackingPage />);
    askCode('k۷m ۴qx ۹tr', '۰۴۹۹۳۷۰۸۹۹');
    expect((await screen.findByTestId('tracking-otp')).textContent).toContain('***۴۵۶۷');
    expect(fetch.mock.calls[0]![0]).toBe('/api/public/tracking/code');
    expect(JSON.parse(String(fetch.mock.calls[0]![1]?.body))).toEqual({
      code: 'K7M-4QX-9TR',
      nationalId: '0499370899',
    });
    await enterOtp('۱۲۳ ۴۵۶');
    const result = await screen.findByTestId('tracking-result');
    expect(result.textContent).toContain('شکوائیه‌ی شما در کلانتری ۱۲ تهران دریافت شده');
    expect(result.textContent).toContain('وضعیت پرونده‌ی ۱۴۰۵/۰۰۰۰۱۲');
    expect(result.textContent).toMatch(/۱۴۰۴\/۰۹\/۰۸/);
    expect(fetch.mock.calls[1]![0]).toBe(
      '/api/public/tracking?code=K7M-4QX-9TR&nationalId=0499370899&otp=123456',
    );
  });

  it('lets a foreign complainant follow the case with a passport number, sent as typed', async () => {
    const fetch = stubApi({
      'POST /api/public/tracking/code': codeSent,
      'GET /api/public/tracking': () => jsonResponse(200, status),
    });
    renderInApp(<TrackingPage />);
    fireEvent.click(screen.getByText('گذرنامه (اتباع خارجی)'));
    expect(screen.queryByLabelText('کد ملی شاکی')).toBeNull();
    fireEvent.change(screen.getByLabelText('کد رهگیری'), { target: { value: 'K7M-4QX-9TR' } });
    fireEvent.change(await screen.findByLabelText('شماره گذرنامه‌ی شاکی'), { target: { value: 'p۱۲۳۴۵۶۷' } });
    fireEvent.click(screen.getByRole('button', { name: SEND }));
    await enterOtp('123456');
    await screen.findByTestId('tracking-result');
    expect(fetch.mock.calls[1]![0]).toBe(
      '/api/public/tracking?code=K7M-4QX-9TR&passportNumber=p%DB%B1%DB%B2%DB%B3%DB%B4%DB%B5%DB%B6%DB%B7&otp=123456',
    );
  });

  it('does not ask the server about a passport number that cannot be one', async () => {
    const fetch = stubApi({});
    renderInApp(<TrackingPage />);
    fireEvent.click(screen.getByText('گذرنامه (اتباع خارجی)'));
    fireEvent.change(screen.getByLabelText('کد رهگیری'), { target: { value: 'K7M-4QX-9TR' } });
    fireEvent.change(await screen.findByLabelText('شماره گذرنامه‌ی شاکی'), { target: { value: 'P1/' } });
    fireEvent.click(screen.getByRole('button', { name: SEND }));
    expect(await screen.findByText('شماره گذرنامه معتبر نیست.')).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('prefills the tracking code from the QR link', () => {
    window.location.hash = '#/track?code=K7M-4QX-9TR';
    stubApi({});
    renderInApp(<TrackingPage />);
    expect((screen.getByLabelText('کد رهگیری') as HTMLInputElement).value).toBe('K7M-4QX-9TR');
  });

  it('gives the prosecutor’s file number once registered, when the server sends it', async () => {
    stubApi({
      'POST /api/public/tracking/code': codeSent,
      'GET /api/public/tracking': () =>
        jsonResponse(200, { ...status, status: 'registered', prosecutorFileNumber: '140460920000123' }),
    });
    renderInApp(<TrackingPage />);
    await track('K7M-4QX-9TR', '0499370899');
    expect((await screen.findByTestId('tracking-result')).textContent).toContain(
      'پرونده‌ی شما در دادسرا با شماره‌ی ۱۴۰۴۶۰۹۲۰۰۰۰۱۲۳ ثبت شده است.',
    );
  });

  it('explains a wrong code and too many tries as sentences, and does not send a code that is not 6 digits', async () => {
    let answer = jsonResponse(401, { error: { code: 'tracking.code_invalid', message: 'x' } });
    const fetch = stubApi({
      'POST /api/public/tracking/code': codeSent,
      'GET /api/public/tracking': () => answer,
    });
    renderInApp(<TrackingPage />);
    askCode('K7M-4QX-9TR', '0499370899');
    await enterOtp('12345');
    expect(await screen.findByText('کد شش رقم است.')).toBeTruthy();
    expect(fetch).toHaveBeenCalledTimes(1);
    await enterOtp('123456');
    expect((await screen.findByRole('alert')).textContent).toBe(errorText('tracking.code_invalid'));
    answer = jsonResponse(429, { error: { code: 'request.rate_limited', message: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'پیگیری' }));
    expect(await screen.findByText(/تعداد درخواست‌ها بیش از حد مجاز است/)).toBeTruthy();
  });

  it('does not ask the server about a code that cannot be one', async () => {
    const fetch = stubApi({});
    renderInApp(<TrackingPage />);
    askCode('K7M', '0499370899');
    expect(await screen.findByText('کد رهگیری ۹ نویسه است، مانند K7M-4QX-9TR.')).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();
  });
});
