import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jalaliParts } from '../../src/domain/jalali.js';
import { toPersianDigits } from '../../src/domain/persian-text.js';
import type { RunningNode } from '../../src/server/main.js';
import { useTestDatabase } from '../db.js';
import { makeJurisdiction, makeNationalId, makeUser } from '../factories.js';
import {
  ensureWebBuild,
  hasChromium,
  launchBrowser,
  screenshot,
  SKIP_MESSAGE,
  startTestNode,
  type Browser,
} from './browser-harness.js';
import { writeSampleDocuments } from './sample-files.js';
import {
  expectPersianScreen,
  horizontalOverflow,
  fillComplaintCase,
  submitNewCase,
  openDropdown,
  reloadUntil,
  signIn,
  timeFirstView,
  signOut,
} from './ui-helpers.js';

/**
 * The whole story of a complaint, in the browser, on one node that hosts a police station and its
 * competent prosecutor's office: the officer opens the case and prints the receipt, the chief approves
 * and sends it, the office's clerk registers it, the دادیار issues an order with a deadline, the station
 * acknowledges and reports back, and the complainant — not signed in — sees the case registered.
 * The node's own delivery worker carries every message between the two; nothing is delivered by hand.
 */

if (!hasChromium) console.warn(SKIP_MESSAGE);

const database = hasChromium ? await useTestDatabase() : null;

const FILE_NUMBER = '1405-ک-0420';
const ORDER_TEXT = 'از دو شاهد حاضر در ایستگاه مترو تحقیق و صورتجلسه تنظیم شود.';
const REPORT_TEXT = 'از دو شاهد تحقیق شد و صورتجلسه‌ی آن پیوست پرونده است.';

describe.skipIf(!hasChromium)('the whole story of a complaint, station to prosecutor and back', () => {
  let node: RunningNode;
  let browser: Browser;
  let page: Page;
  let users: Record<'officer' | 'chief' | 'clerk' | 'judge', { username: string }>;
  let office: { nameFa: string };
  let jurisdiction: Awaited<ReturnType<typeof makeJurisdiction>>;
  let files: { pdf: string; png: string };
  let tmp: string;
  let caseUrl = '';
  let caseNumber = '';
  let trackingCode = '';
  let intakeUrl = '';
  const complainantId = makeNationalId();
  const accusedId = makeNationalId();

  beforeAll(async () => {
    const { db, url } = database!;
    await ensureWebBuild();
    jurisdiction = await makeJurisdiction(db);
    office = jurisdiction.office;
    users = {
      officer: await makeUser(db, jurisdiction.station.id, 'station.officer'),
      chief: await makeUser(db, jurisdiction.station.id, 'station.chief'),
      clerk: await makeUser(db, jurisdiction.office.id, 'prosecutor.clerk'),
      judge: await makeUser(db, jurisdiction.office.id, 'prosecutor.judge'),
    };
    // The harness's node runs its own delivery worker (DELIVERY_WORKER defaults to true).
    node = await startTestNode(url);
    browser = await launchBrowser();
    page = await browser.newPage();
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-e2e-story-'));
    files = await writeSampleDocuments(tmp);
    await page.goto(`${node.url}/`);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await node?.stop();
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  it('(1) the officer opens a complaint with a complainant, an accused, a PDF and a PNG', async () => {
    await signIn(page, users.officer.username);
    await fillComplaintCase(page, {
      narrative: 'شاکی اظهار داشت که کیف او در ایستگاه مترو ربوده شده است.',
      complainant: { firstName: 'زهرا', lastName: 'موسوی', nationalId: complainantId },
      accused: { firstName: 'کامران', lastName: 'نادری', nationalId: accusedId },
      files,
    });
    caseUrl = await submitNewCase(page);

    await page.locator('.ant-alert-success', { hasText: 'پرونده برای ارسال به دادسرا کامل است.' }).waitFor();
    await page.getByText('complaint.pdf').waitFor();
    await page.getByText('scene-photo.png').waitFor();
    const text = await expectPersianScreen(page);
    expect(text).toContain(toPersianDigits(complainantId));
    expect(text).toContain(toPersianDigits(accusedId));
    const title = await page.getByRole('heading', { level: 3 }).first().innerText();
    caseNumber = title.replace(/^پرونده\s*/, '').trim();
    expect(caseNumber).toMatch(/^[۰-۹]{4}\//);
  }, 120_000);

  it('(2) prints the receipt with the tracking code and its QR code', async () => {
    await page.getByRole('link', { name: 'رسید شاکی' }).click();
    const qr = page.getByTestId('receipt-qr');
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    const url = new URL((await page.getByTestId('receipt-url').textContent())!.replace('/#', ''));
    trackingCode = url.searchParams.get('code')!;
    expect(trackingCode).toMatch(/^[2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3}$/);
    expect(await page.getByTestId('receipt-tracking-code').textContent()).toBe(toPersianDigits(trackingCode));
    await expectPersianScreen(page, page.getByTestId('receipt'));
  }, 60_000);

  it('(3) the officer sends it for approval; the chief returns it from the queue with a comment, then approves and sends it', async () => {
    await page.goto(caseUrl);
    await page.getByRole('button', { name: 'ارسال برای تأیید رئیس کلانتری' }).click();
    await page.getByText('پرونده در انتظار تأیید رئیس کلانتری برای ارسال به دادسرا است.').waitFor();
    await signOut(page);

    // The chief's queue, with its count in the header; the case opens from it.
    await signIn(page, users.chief.username);
    const queue = page.getByTestId('queue-awaiting_approval');
    await queue.getByText('۱').waitFor();
    await queue.click();
    await page.getByRole('row').filter({ hasText: 'در انتظار تأیید رئیس' }).getByRole('link').first().click();
    await page.getByText('پرونده در انتظار تأیید رئیس کلانتری برای ارسال به دادسرا است.').waitFor();
    await page.getByTestId('submission-section').getByRole('button', { name: 'بازگرداندن به ضابط' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox').fill('نشانی محل وقوع را کامل کنید');
    await dialog.getByRole('button', { name: 'بازگرداندن به ضابط' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await signOut(page);

    // The officer finds it in "returned to me", reads why, and puts it forward again.
    await signIn(page, users.officer.username);
    await page.getByTestId('queue-returned_to_me').click();
    await page.getByRole('row').filter({ hasText: 'پیش‌نویس' }).getByRole('link').first().click();
    expect(await page.getByTestId('returned-to-officer').innerText()).toContain(
      'نشانی محل وقوع را کامل کنید',
    );
    await page.getByRole('button', { name: 'ارسال برای تأیید رئیس کلانتری' }).click();
    await page.getByText('پرونده در انتظار تأیید رئیس کلانتری برای ارسال به دادسرا است.').waitFor();
    await signOut(page);

    await signIn(page, users.chief.username);
    await page.goto(caseUrl);
    await page.getByText('پرونده در انتظار تأیید رئیس کلانتری برای ارسال به دادسرا است.').waitFor();
    await page.getByTestId('submission-section').getByRole('button', { name: 'تأیید و ارسال' }).click();
    await page.locator('.ant-popconfirm-buttons').getByRole('button', { name: 'تأیید و ارسال' }).click();
    const status = page.getByTestId('submission-status');
    await status.waitFor();
    expect(await status.innerText()).toContain(office.nameFa);
    // The node's worker delivers the case to the office and brings back its signed receipt.
    await reloadUntil(page, page.locator('[data-testid="submission-status"][data-status="delivered"]'));
    await expectPersianScreen(page);
    await signOut(page);
  }, 90_000);

  it('(4) the clerk finds it in the intake queue, verified, and registers it with a file number', async () => {
    await signIn(page, users.clerk.username);
    await page.getByRole('heading', { name: 'صف پرونده‌های رسیده' }).waitFor();
    const row = page.locator('tr[data-intake-id]', { hasText: caseNumber });
    await reloadUntil(page, row);
    expect(await row.innerText()).toContain('رسیده');
    expect(await row.innerText()).toContain('زهرا موسوی');
    await expectPersianScreen(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'story-01-intake-queue');

    await row.getByRole('link', { name: caseNumber }).click();
    await page.waitForURL(/#\/intake\/[0-9a-f-]{36}$/);
    intakeUrl = page.url();
    const badge = page.getByTestId('verification');
    await badge.waitFor();
    expect(await badge.getAttribute('data-verified')).toBe('true');
    expect(await badge.innerText()).toContain('اثر انگشت ۲ مستند تطبیق دارد');
    await page.getByText('complaint.pdf').waitFor();
    await page.getByText('scene-photo.png').waitFor();
    expect(await page.locator('[data-hash-verified="true"]').count()).toBe(2);
    const text = await expectPersianScreen(page);
    expect(text).toContain(toPersianDigits(complainantId));
    expect(text).toContain(toPersianDigits(trackingCode));
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'story-02-incoming-file');
    // The office reads the documents in the page: the photo's thumbnail, then the photo itself, zoomable.
    const photo = page.getByTestId('intake-document').filter({ hasText: 'scene-photo.png' });
    await photo.getByTestId('document-thumbnail').waitFor();
    await photo.getByRole('button', { name: 'نمایش' }).click();
    const viewer = page.getByRole('dialog', { name: 'scene-photo.png' });
    await viewer.getByTestId('document-image').waitFor();
    expect(
      await viewer
        .locator('img')
        .first()
        .evaluate((img) => (img as HTMLImageElement).naturalWidth),
    ).toBeGreaterThan(0);
    await viewer.locator('.ant-modal-footer').getByRole('button', { name: 'بستن' }).click();
    await timeFirstView(page, intakeUrl, page.getByTestId('verification'), 'incoming file (clerk)');
    await timeFirstView(page, `${node.url}/#/intake`, row, 'intake queue (clerk)');
    await row.getByRole('link', { name: caseNumber }).click();
    await page.getByTestId('verification').waitFor();

    await page.getByTestId('clerk-actions').getByRole('button', { name: 'ثبت پرونده' }).click();
    const dialog = page.getByRole('dialog', { name: 'ثبت پرونده در دادسرا' });
    await dialog.waitFor();
    await dialog.getByLabel('شماره پرونده‌ی دادسرا').pressSequentially(toPersianDigits(FILE_NUMBER));
    await dialog.getByLabel('شعبه').fill('شعبه ۴ دادیاری');
    await dialog.getByLabel('دادیار / بازپرس رسیدگی‌کننده').fill('دادیار صالحی');
    await expectPersianScreen(page, dialog, { dated: false });
    await screenshot(page, 'story-03-register-dialog');
    await dialog.getByRole('button', { name: 'ثبت', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });

    const registration = page.getByTestId('registration');
    await registration.waitFor();
    expect(await registration.innerText()).toContain(toPersianDigits(FILE_NUMBER));
    await signOut(page);
  }, 90_000);

  it('(5) the دادیار issues an order with a deadline three days ahead', async () => {
    await signIn(page, users.judge.username);
    await page.getByRole('heading', { name: 'صف پرونده‌های رسیده' }).waitFor();
    const row = page.locator('tr[data-intake-id]', { hasText: caseNumber });
    await row.waitFor();
    expect(await row.innerText()).toContain('ثبت‌شده');
    await row.getByRole('link', { name: caseNumber }).click();
    await page.waitForURL(intakeUrl);

    await page.getByRole('button', { name: 'صدور دستور' }).click();
    const dialog = page.getByRole('dialog', { name: 'صدور دستور قضایی' });
    await dialog.waitFor();
    const choose = async (label: string, typed: string) => {
      await dialog.getByRole('combobox', { name: label }).click();
      await dialog.getByRole('combobox', { name: label }).pressSequentially(typed);
      await page.keyboard.press('Enter');
    };
    await dialog.getByRole('combobox', { name: 'نوع دستور' }).click();
    await page.locator(`${openDropdown} .ant-select-item-option[title="تحقیقات"]`).click();
    await dialog.getByLabel('متن دستور').fill(ORDER_TEXT);
    const due = jalaliParts(new Date(Date.now() + 3 * 86_400_000));
    await choose('روز', toPersianDigits(due.day));
    await choose('ماه', String(due.month));
    await choose('سال', toPersianDigits(due.year));
    await dialog.getByRole('textbox', { name: 'ساعت' }).pressSequentially('۱۰:۰۰');
    // Complete and ahead: the deadline's "required" message, shown while it was half picked, goes away.
    await dialog.locator('.ant-form-item-explain-error').waitFor({ state: 'detached', timeout: 5_000 });
    await expectPersianScreen(page, dialog);
    await screenshot(page, 'story-04-order-dialog');
    await dialog.getByRole('button', { name: 'صدور دستور' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const card = page.locator('[data-order-id]', { hasText: ORDER_TEXT });
    await card.waitFor();
    const timer = card.getByRole('timer');
    expect(await timer.getAttribute('data-urgency')).toBe('later');
    expect(await timer.innerText()).toMatch(/^[۰-۹]+ روز و [۰-۹]{2}:[۰-۹]{2}:[۰-۹]{2} مانده$/);
    await signOut(page);
  }, 90_000);

  it('(6) the officer sees the order, acknowledges it and reports back', async () => {
    await signIn(page, users.officer.username);
    // The station's dashboard lists the order to act on, once the worker has delivered it.
    const onDashboard = page.getByTestId('orders-list').locator('[data-order-id]');
    await reloadUntil(page, onDashboard);
    await page.getByRole('link', { name: 'دستورهای قضایی' }).click();
    await page.getByRole('heading', { name: 'دستورهای قضایی' }).waitFor();
    const card = page.locator('[data-order-id]', { hasText: ORDER_TEXT });
    await card.waitFor();

    await card.getByRole('button', { name: 'رؤیت دستور' }).click();
    await card.getByText('رؤیت‌شده').waitFor();
    await card.getByRole('button', { name: 'گزارش اجرا' }).click();
    const dialog = page.getByRole('dialog', { name: 'گزارش اجرای دستور' });
    await dialog.waitFor();
    await dialog.getByLabel('گزارش', { exact: true }).fill(REPORT_TEXT);
    await dialog.getByRole('button', { name: 'ارسال گزارش' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await card.getByText('گزارش‌شده').waitFor();
    await card.getByText(REPORT_TEXT).waitFor();
    await expectPersianScreen(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'story-05-orders-tracker-station');

    // The case page: registered with the office's file number, and every message of the exchange.
    await card.locator(`a[href="#/cases/${caseUrl.split('/').pop()}"]`).click();
    await page.waitForURL(caseUrl);
    const registered = page.locator('[data-testid="submission-status"][data-status="registered"]');
    await registered.waitFor();
    expect(await page.getByTestId('registration').innerText()).toContain(toPersianDigits(FILE_NUMBER));
    // Oldest first: what the station sent (delivered, with the office's receipt) and what it accepted.
    const trail = [
      'case.submitted:delivered',
      'intake.registered:accepted',
      'order.issued:accepted',
      'order.acknowledged:delivered',
      'order.reported:delivered',
    ];
    const rows = page.locator('tr[data-message-type]');
    const seen = () =>
      rows.evaluateAll((trs) =>
        trs.map((tr) => `${tr.getAttribute('data-message-type')}:${tr.getAttribute('data-status')}`),
      );
    await rows.first().waitFor();
    // The report is the last message out: reload until the worker has brought back its receipt.
    await expect
      .poll(
        async () => {
          const now = await seen();
          if (now.join() !== trail.join()) {
            await page.reload();
            await rows
              .nth(trail.length - 1)
              .waitFor({ timeout: 3_000 })
              .catch(() => undefined);
          }
          return now;
        },
        { timeout: 20_000, interval: 500 },
      )
      .toEqual(trail);
    const text2 = await expectPersianScreen(page);
    expect(text2).toContain('امضا و زنجیره معتبر');
    await screenshot(page, 'story-06-case-with-messages');

    // Paper: the cover sheet and the transmittal, A4, with every document's SHA-256 and the message's hash.
    await page.getByRole('link', { name: 'چاپ پرونده' }).click();
    const cover = page.getByTestId('sheet-cover');
    await cover.waitFor();
    await page.getByTestId('sheet-transmittal').waitFor();
    await cover.getByTestId('sheet-qr').waitFor();
    const hash = await cover.getByTestId('sheet-message-hash').innerText();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await cover.getByTestId('sheet-documents').locator('tbody tr').count()).toBe(2);
    expect(await cover.getByTestId('sheet-documents').innerText()).toMatch(/[0-9a-f]{64}/);
    await expectPersianScreen(page);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.cb-header').isVisible()).toBe(false);
    await screenshot(page, 'story-06p-case-file-print');
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(2);
    await page.emulateMedia({ media: 'screen' });
    await timeFirstView(page, caseUrl, registered, 'case page (officer)');
    await timeFirstView(
      page,
      `${node.url}/#/cases`,
      page.locator(`a[href="#/cases/${caseUrl.split('/').pop()}"]`).first(),
      'case list (officer)',
    );
    await timeFirstView(page, `${node.url}/#/orders`, card, 'orders (officer)');
    await signOut(page);
  }, 90_000);

  it("(6b) the دادیار finds the station's report on the orders tracker", async () => {
    await signIn(page, users.judge.username);
    await page.getByRole('link', { name: 'دستورهای قضایی' }).click();
    await page.getByRole('heading', { name: 'دستورهای قضایی' }).waitFor();
    const card = page.locator('[data-order-id]', { hasText: ORDER_TEXT });
    await reloadUntil(page, card.getByText(REPORT_TEXT));
    await card.getByText('گزارش‌شده').waitFor();
    await card.getByRole('button', { name: 'بررسی گزارش' }).waitFor();
    await expectPersianScreen(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'story-06b-orders-tracker-office');
    // The order sheet, on paper.
    await card.getByRole('link', { name: 'برگ دستور' }).click();
    const sheet = page.getByTestId('sheet-order');
    await sheet.waitFor();
    expect(await sheet.getByTestId('sheet-order-text').innerText()).toBe(ORDER_TEXT);
    await expectPersianScreen(page);
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'story-06q-order-sheet-print');
    await page.emulateMedia({ media: 'screen' });
    await signOut(page);
  }, 60_000);

  it('(6c) the دادیار and the station chief read this month\u2019s figures: one file received, registered, one order', async () => {
    await signIn(page, users.judge.username);
    await page.getByRole('link', { name: 'آمار' }).click();
    const table = page.getByTestId('figures-table');
    await table.waitFor();
    const row = table.locator('tr', { hasText: jurisdiction.station.nameFa });
    // received, registered, returned, rejected, return rate, median hours, awaiting, orders issued, overdue
    const cells = (await row.locator('td').allTextContents()).slice(1);
    expect(cells).toEqual([
      '۱',
      '۱',
      '۰',
      '۰',
      '۰٪',
      expect.stringMatching(/^[۰-۹٫]+ (دقیقه|ساعت|روز)$/),
      '۰',
      '۱',
      '۰',
    ]);
    await expectPersianScreen(page);
    await screenshot(page, 'story-08-figures-office');
    await signOut(page);

    await signIn(page, users.chief.username);
    await page.getByRole('link', { name: 'آمار' }).click();
    await page.getByTestId('figures-table').waitFor();
    const headline = await page.getByTestId('figures-headline').textContent();
    expect(headline).toContain('پرونده‌ی تشکیل‌شده');
    await screenshot(page, 'story-09-figures-station');
    await signOut(page);
  }, 60_000);

  it('(7) the complainant, not signed in, sees the case registered with its file number', async () => {
    const phone = await launchBrowser();
    try {
      const tracking = await phone.newPage({ width: 360, height: 740 });
      await tracking.goto(`${node.url}/#/track?code=${encodeURIComponent(trackingCode)}`);
      await tracking.getByLabel('کد ملی شاکی').waitFor();
      expect(await phone.context.cookies()).toEqual([]);
      await tracking.getByLabel('کد ملی شاکی').pressSequentially(toPersianDigits(complainantId));
      await tracking.getByRole('button', { name: 'پیگیری' }).click();
      const result = tracking.getByTestId('tracking-result');
      await result.waitFor();
      expect(await result.locator('[data-status]').getAttribute('data-status')).toBe('registered');
      const text = await expectPersianScreen(tracking, result);
      expect(text).toContain(
        `پرونده‌ی شما در دادسرا با شماره‌ی ${toPersianDigits(FILE_NUMBER)} ثبت شده است.`,
      );
      expect(text).not.toContain('زهرا');
      expect(text).not.toContain('نادری');
      expect(await horizontalOverflow(tracking)).toBeLessThanOrEqual(0);
      await screenshot(tracking, 'story-07-tracking');
      expect(phone.external()).toEqual([]);
      expect(phone.cspViolations).toEqual([]);
    } finally {
      await phone.close();
    }
  }, 60_000);

  it('made no request outside this machine, and the pages threw no errors', () => {
    expect(browser.requests.length).toBeGreaterThan(0);
    expect(browser.external()).toEqual([]);
    expect(browser.cspViolations).toEqual([]);
    // Uncaught errors, and errors a screen's error boundary caught (React reports them on the console).
    expect(
      browser.pageErrors.filter((e) => e.startsWith('pageerror') || e.includes('The above error occurred')),
    ).toEqual([]);
  });
});
