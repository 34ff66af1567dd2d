import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, stubApi } from '../../test/fetch-stub.js';
import { renderInApp } from '../../test/render.js';
import { ReceiptPage } from './ReceiptPage.js';
import { trackingUrl } from './qr-code.js';

const receipt = {
  caseNumber: '1405/000012',
  stationName: 'کلانتری ۱۲ تهران',
  trackingCode: 'K7M-4QX-9TR',
  receivedAt: '2025-11-28T23:15:00.000Z',
  receivedAtLocal: '1404/09/08 02:45',
  note: '…',
};

// The first render of an antd screen can take seconds on a busy CI machine.
describe('ReceiptPage', { timeout: 20_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the station, case number, tracking code and Jalali time in Persian digits, with a QR code of the tracking page', async () => {
    stubApi({ 'GET /api/cases/c1/receipt': () => jsonResponse(200, receipt) });
    renderInApp(<ReceiptPage caseId="c1" origin="http://node.local:3000" />);
    expect((await screen.findByTestId('receipt-tracking-code')).textContent).toBe('K۷M-۴QX-۹TR');
    expect(screen.getByTestId('receipt-case-number').textContent).toBe('۱۴۰۵/۰۰۰۰۱۲');
    expect(screen.getAllByText('کلانتری ۱۲ تهران').length).toBeGreaterThan(0);
    expect(screen.getByTestId('receipt').textContent).toMatch(/۱۴۰۴\/۰۹\/۰۸/);
    expect(screen.getByTestId('receipt-url').textContent).toBe(
      'http://node.local:3000/#/track?code=K7M-4QX-9TR',
    );
    const qr = (await screen.findByTestId('receipt-qr')) as HTMLImageElement;
    expect(qr.src).toMatch(/^data:image\/svg\+xml/);
    expect(qr.alt).toBe('کد QR برای پیگیری پرونده');
  });

  it('explains that only complaint cases have a receipt', async () => {
    stubApi({
      'GET /api/cases/c2/receipt': () =>
        jsonResponse(409, { error: { code: 'cases.invalid_state', message: 'no receipt' } }),
    });
    renderInApp(<ReceiptPage caseId="c2" />);
    expect(await screen.findByText(/فقط پرونده‌های شکوائیه رسید دارند/)).toBeTruthy();
  });

  it('puts the tracking code, never the national ID, in the tracking URL', () => {
    expect(trackingUrl('https://n1', 'K7M-4QX-9TR')).toBe('https://n1/#/track?code=K7M-4QX-9TR');
  });
});
