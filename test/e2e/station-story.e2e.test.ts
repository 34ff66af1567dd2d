import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditActions } from '../../src/domain/audit-actions.js';
import { toPersianDigits } from '../../src/domain/persian-text.js';
import type { RunningNode } from '../../src/server/main.js';
import { startCustody } from '../../src/server/modules/cases/custody.usecase.js';
import { systemClock } from '../../src/server/platform/clock.js';
import { useTestDatabase } from '../db.js';
import fa from '../../src/web/i18n/fa.json' with { type: 'json' };
import {
  makeCase,
  makeNationalId,
  makeOrganisation,
  makeParty,
  makeStationUser,
  makeUser,
} from '../factories.js';
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
  enterTrackingOtp,
  fillComplaintCase,
  JALALI_YEAR,
  signIn,
  signInEnrollingTotp,
  signOut,
  submitNewCase,
  untranslated,
} from './ui-helpers.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

const database = hasChromium ? await useTestDatabase() : null;
const COMPLAINANT_MOBILE = '09127003344';

describe.skipIf(!hasChromium)('a station officer in the browser (Persian, right to left)', () => {
  let node: RunningNode;
  let browser: Browser;
  let page: Page;
  let officer: { username: string };
  let admin: { username: string };
  let files: { pdf: string; png: string };
  let tmp: string;
  let caseUrl = '';
  let trackingCode = '';
  const complainantId = makeNationalId();
  const accusedId = makeNationalId();

  beforeAll(async () => {
    const { db, url } = database!;
    await ensureWebBuild();
    // A station with its prosecutor's office, its officer, and a case with somebody in custody for 21 hours.
    const station = await makeStationUser(db);
    officer = station.user;
    const held = await makeCase(db, station.actor, { crimeCategoryCode: null });
    const accused = await makeParty(db, station.actor, held.id);
    await startCustody({
      db,
      clock: systemClock,
      actor: station.actor,
      ip: null,
      caseId: held.id,
      body: { partyId: accused.id, startedAt: new Date(Date.now() - 21 * 3600_000).toISOString() },
    });
    const hq = await makeOrganisation(db, { kind: 'hq' });
    admin = await makeUser(db, hq.id, 'admin');

    node = await startTestNode(url);
    browser = await launchBrowser();
    page = await browser.newPage();
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-e2e-files-'));
    files = await writeSampleDocuments(tmp);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await node?.stop();
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  it('shows the sign-in page in Persian, right to left', async () => {
    await page.goto(`${node.url}/`);
    await page.getByLabel('نام کاربری').waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fa');
    await screenshot(page, '01-sign-in');
  }, 60_000);

  it('signs the officer in to the dashboard, with the custody clock red under four hours', async () => {
    await signIn(page, officer.username);
    await page.getByRole('heading', { name: 'پیشخوان کلانتری' }).waitFor();
    const timer = page.getByTestId('custody-list').getByRole('timer');
    await timer.waitFor();
    expect(await timer.getAttribute('data-state')).toBe('warning');
    expect(await timer.textContent()).toMatch(/^[۰-۹]{2}:[۰-۹]{2}:[۰-۹]{2} مانده$/);
    const text = await page.locator('main').innerText();
    expect(untranslated(text)).toEqual([]);
    await screenshot(page, '02-dashboard');
  }, 60_000);

  it('opens a complaint case with two parties and two documents', async () => {
    await fillComplaintCase(page, {
      narrative: 'شاکی اظهار داشت که گوشی همراه او در ایستگاه مترو ربوده شده است.',
      complainant: {
        firstName: 'مریم',
        lastName: 'کاظمی',
        nationalId: complainantId,
        mobile: COMPLAINANT_MOBILE,
      },
      accused: { firstName: 'رضا', lastName: 'محمدی', nationalId: accusedId },
      files,
    });
    await screenshot(page, '03-new-case');
    caseUrl = await submitNewCase(page);
  }, 180_000);

  it('shows the case ready to send, with Jalali dates and identifiers in Persian digits', async () => {
    await page.locator('.ant-alert-success', { hasText: 'پرونده برای ارسال به دادسرا کامل است.' }).waitFor();
    await page.getByText('complaint.pdf').waitFor();
    await page.getByText('scene-photo.png').waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toMatch(JALALI_YEAR);
    expect(text).toContain(toPersianDigits(complainantId));
    expect(text).toContain(toPersianDigits(accusedId));
    expect(untranslated(text)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await screenshot(page, '04-case-ready');
  }, 60_000);

  it('prints the receipt with the tracking code and a QR code of the tracking page', async () => {
    await page.getByRole('link', { name: 'رسید شاکی' }).click();
    const qr = page.getByTestId('receipt-qr');
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    const url = new URL((await page.getByTestId('receipt-url').textContent())!.replace('/#', ''));
    expect(url.origin).toBe(node.url);
    trackingCode = url.searchParams.get('code')!;
    expect(trackingCode).toMatch(/^[2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3}$/);
    expect(await page.getByTestId('receipt-tracking-code').textContent()).toBe(toPersianDigits(trackingCode));
    const text = await page.getByTestId('receipt').innerText();
    expect(text).toMatch(JALALI_YEAR);
    expect(untranslated(text)).toEqual([]);
    await screenshot(page, '05-receipt');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.cb-header').isVisible()).toBe(false);
    await screenshot(page, '06-receipt-print');
    await page.emulateMedia({ media: 'screen' });
  }, 60_000);

  it('finds the case from the header search by a national ID typed in Persian digits', async () => {
    const search = page.locator('header').getByLabel('جست‌وجوی پرونده');
    await search.fill(toPersianDigits(complainantId));
    await search.press('Enter');
    await page.waitForURL(/#\/cases\?q=/);
    const caseId = caseUrl.split('/').pop()!;
    await page.locator(`a[href="#/cases/${caseId}"]`).waitFor();
    await screenshot(page, '07-search');
  }, 60_000);

  it('lets the complainant follow the case on a 360 px phone, without signing in', async () => {
    await page.getByRole('button', { name: 'خروج' }).click();
    await page.getByLabel('نام کاربری').waitFor();
    const phone = await browser.newPage({ width: 360, height: 740 });
    await phone.goto(`${node.url}/#/track?code=${encodeURIComponent(trackingCode)}`);
    await phone.getByLabel('کد ملی شاکی').waitFor();
    expect(await phone.getByLabel('کد رهگیری').inputValue()).toBe(trackingCode);

    // A wrong national ID is told apart from nothing: the same "code sent" step, and the code never opens it.
    await phone.getByLabel('کد ملی شاکی').pressSequentially(toPersianDigits(accusedId));
    await phone.getByRole('button', { name: 'فرستادن کد یک‌بار مصرف' }).click();
    await phone.getByLabel('کد یک‌بار مصرف').pressSequentially('۱۲۳۴۵۶');
    await phone.getByRole('button', { name: 'پیگیری' }).click();
    await expect
      .poll(() => phone.getByRole('alert').textContent())
      .toContain(fa.errors.tracking.code_invalid);
    await screenshot(phone, '08-tracking-not-found-phone');

    await phone.getByRole('button', { name: 'از نو' }).click();
    await phone.getByLabel('کد ملی شاکی').fill('');
    await phone.getByLabel('کد ملی شاکی').pressSequentially(toPersianDigits(complainantId));
    await enterTrackingOtp(phone, database!.db, COMPLAINANT_MOBILE);
    const result = phone.getByTestId('tracking-result');
    await result.waitFor();
    const text = await result.innerText();
    expect(text).toContain('دریافت شده');
    expect(text).toMatch(JALALI_YEAR);
    expect(text).not.toContain('مریم');
    expect(text).not.toContain('محمدی');
    expect(untranslated(text)).toEqual([]);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(phone, '09-tracking-phone');
    await phone.close();
  }, 60_000);

  it('has an administrator set up two-step sign-in at the first sign-in, then manage organisations and users and verify the audit chain', async () => {
    // TOTP_REQUIRED_ROLES is left at its default (admin): the test node requires it as a real one does.
    if (await page.getByTestId('current-user').isVisible()) await signOut(page);
    await signInEnrollingTotp(page, admin.username);
    await page.getByRole('heading', { name: 'یگان‌ها' }).waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    await screenshot(page, '10-admin-organisations');
    await page.getByRole('link', { name: 'کاربران' }).click();
    await page.getByRole('heading', { name: 'کاربران' }).waitFor();
    await page.getByRole('cell', { name: officer.username, exact: true }).waitFor();
    await screenshot(page, '11-admin-users');
    await page.getByRole('link', { name: 'رویدادنگار' }).click();
    await page.getByRole('button', { name: 'بررسی زنجیره' }).click();
    const verdict = page.getByTestId('audit-verification');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-ok')).toBe('true');
    const text = await page.locator('main').innerText();
    expect(text).toMatch(JALALI_YEAR);
    // The action column shows the recorded action codes themselves (`case.created`), as data.
    const actions: readonly string[] = auditActions;
    expect(untranslated(text).filter((key) => !actions.includes(key))).toEqual([]);
    await screenshot(page, '12-admin-audit');

    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('ltr');
    await screenshot(page, '13-admin-audit-en');
  }, 90_000);

  it('made no request outside this machine, and the pages threw no errors', () => {
    expect(browser.requests.length).toBeGreaterThan(0);
    expect(browser.external()).toEqual([]);
    expect(browser.cspViolations).toEqual([]);
    expect(browser.pageErrors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  });
});
