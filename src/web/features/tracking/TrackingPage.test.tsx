import { fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, stubApi } from '../../test/fetch-stub.js';
import { renderInApp } from '../../test/render.js';
import { TrackingPage } from './TrackingPage.js';

const status = {
  status: 'received',
  caseNumber: '1405/000012',
  stationName: 'کلانتری ۱۲ تهران',
  receivedAt: '2025-11-28T23:15:00.000Z',
  receivedAtLocal: '1404/09/08 02:45',
  sentAt: null,
  updatedAt: '2025-11-28T23:20:00.000Z',
};

function track(code: string, nationalId: string) {
  fireEvent.change(screen.getByLabelText('کد رهگیری'), { target: { value: code } });
  fireEvent.change(screen.getByLabelText('کد ملی شاکی'), { target: { value: nationalId } });
  fireEvent.click(screen.getByRole('button', { name: 'پیگیری' }));
}

// The first render of an antd screen can take seconds on a busy CI machine.
describe('TrackingPage', { timeout: 20_000 }, () => {
  beforeEach(() => {
    window.location.hash = '#/track';
  });
  afterEach(() => vi.unstubAllGlobals());

  it('takes Persian digits and lower case, asks with Latin digits, and says the status in plain Persian', async () => {
    const fetch = stubApi({ 'GET /api/public/tracking': () => jsonResponse(200, status) });
    renderInApp(<TrackingPage />);
    track('k۷m ۴qx ۹tr', '۰۴۹۹۳۷۰۸۹۹');
    const result = await screen.findByTestId('tracking-result');
    expect(result.textContent).toContain('شکوائیه‌ی شما در کلانتری ۱۲ تهران دریافت شده');
    expect(result.textContent).toContain('وضعیت پرونده‌ی ۱۴۰۵/۰۰۰۰۱۲');
    expect(result.textContent).toMatch(/۱۴۰۴\/۰۹\/۰۸/);
    expect(fetch.mock.calls[0]![0]).toBe('/api/public/tracking?code=K7M-4QX-9TR&nationalId=0499370899');
  });

  it('lets a foreign complainant follow the case with a passport number, sent as typed', async () => {
    const fetch = stubApi({ 'GET /api/public/tracking': () => jsonResponse(200, status) });
    renderInApp(<TrackingPage />);
    fireEvent.click(screen.getByText('گذرنامه (اتباع خارجی)'));
    expect(screen.queryByLabelText('کد ملی شاکی')).toBeNull();
    fireEvent.change(screen.getByLabelText('کد رهگیری'), { target: { value: 'K7M-4QX-9TR' } });
    fireEvent.change(await screen.findByLabelText('شماره گذرنامه‌ی شاکی'), { target: { value: 'p۱۲۳۴۵۶۷' } });
    fireEvent.click(screen.getByRole('button', { name: 'پیگیری' }));
    await screen.findByTestId('tracking-result');
    expect(fetch.mock.calls[0]![0]).toBe(
      '/api/public/tracking?code=K7M-4QX-9TR&passportNumber=p%DB%B1%DB%B2%DB%B3%DB%B4%DB%B5%DB%B6%DB%B7',
    );
  });

  it('does not ask the server about a passport number that cannot be one', async () => {
    const fetch = stubApi({});
    renderInApp(<TrackingPage />);
    fireEvent.click(screen.getByText('گذرنامه (اتباع خارجی)'));
    fireEvent.change(screen.getByLabelText('کد رهگیری'), { target: { value: 'K7M-4QX-9TR' } });
    fireEvent.change(await screen.findByLabelText('شماره گذرنامه‌ی شاکی'), { target: { value: 'P1/' } });
    fireEvent.click(screen.getByRole('button', { name: 'پیگیری' }));
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
      'GET /api/public/tracking': () =>
        jsonResponse(200, { ...status, status: 'registered', prosecutorFileNumber: '140460920000123' }),
    });
    renderInApp(<TrackingPage />);
    track('K7M-4QX-9TR', '0499370899');
    expect((await screen.findByTestId('tracking-result')).textContent).toContain(
      'پرونده‌ی شما در دادسرا با شماره‌ی ۱۴۰۴۶۰۹۲۰۰۰۰۱۲۳ ثبت شده است.',
    );
  });

  it('explains no match and too many tries as sentences', async () => {
    let answer = jsonResponse(404, { error: { code: 'tracking.not_found', message: 'x' } });
    stubApi({ 'GET /api/public/tracking': () => answer });
    renderInApp(<TrackingPage />);
    track('K7M-4QX-9TR', '0499370899');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'پرونده‌ای با این کد رهگیری و این کد ملی یا شماره گذرنامه پیدا نشد.',
    );
    answer = jsonResponse(429, { error: { code: 'request.rate_limited', message: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'پیگیری' }));
    expect(await screen.findByText(/تعداد درخواست‌ها بیش از حد مجاز است/)).toBeTruthy();
  });

  it('does not ask the server about a code that cannot be one', async () => {
    const fetch = stubApi({});
    renderInApp(<TrackingPage />);
    track('K7M', '0499370899');
    expect(await screen.findByText('کد رهگیری ۹ نویسه است، مانند K7M-4QX-9TR.')).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();
  });
});
