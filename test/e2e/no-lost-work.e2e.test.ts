import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningNode } from '../../src/server/main.js';
import { useTestDatabase } from '../db.js';
import { makeNationalId, makeStationUser, TEST_PASSWORD } from '../factories.js';
import {
  ensureWebBuild,
  hasChromium,
  launchBrowser,
  screenshot,
  SKIP_MESSAGE,
  startTestNode,
  type Browser,
} from './browser-harness.js';
import { signIn } from './ui-helpers.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

const database = hasChromium ? await useTestDatabase() : null;

/**
 * Issue 18, points 3 and 4 in the browser, in Persian: a form's content survives a reload (offered back with
 * its Jalali time) and the end of the session (signing in again in a dialog over the form); a node that stops
 * answering brings a banner, and the screen recovers by itself when it answers again — no reload.
 */
describe.skipIf(!hasChromium)('no lost work, in the browser (Persian)', () => {
  let node: RunningNode;
  let browser: Browser;
  let page: Page;
  let station: Awaited<ReturnType<typeof makeStationUser>>;
  const narrative = 'شاکی اظهار داشت که گوشی همراه او در مترو ربوده شده است.';
  const nationalId = makeNationalId();

  beforeAll(async () => {
    const { db, url } = database!;
    await ensureWebBuild();
    station = await makeStationUser(db);
    node = await startTestNode(url);
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.goto(`${node.url}/`);
    await signIn(page, station.user.username);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await node?.stop();
  });

  it('offers the typed form back after a reload, and keeps it through a session that ended', async () => {
    const started = Date.now();
    await page.getByRole('link', { name: 'تشکیل پرونده' }).click();
    await page.locator('#narrative').fill(narrative);
    await page.locator('#parties_0_firstName').fill('مریم');
    await page.locator('#parties_0_lastName').fill('کاظمی');
    await page.locator('#parties_0_nationalId').fill(nationalId);
    await page.reload();
    const offer = page.getByRole('status').filter({ hasText: 'پیش‌نویسی ذخیره‌نشده' });
    await offer.waitFor();
    expect(await offer.innerText()).toMatch(/۱۴[۰-۹]{2}/);
    expect(await page.locator('#narrative').inputValue()).toBe('');
    await page.getByRole('button', { name: 'بازگرداندن' }).click();
    expect(await page.locator('#narrative').inputValue()).toBe(narrative);
    expect(await page.locator('#parties_0_lastName').inputValue()).toBe('کاظمی');

    // The session ends on the server while the form is open: saving asks for the password in a dialog.
    await database!.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', station.user.id)
      .execute();
    await page.getByRole('button', { name: 'ثبت پرونده' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: 'نشست شما به پایان رسید' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('نام کاربری').inputValue()).toBe(station.user.username);
    await screenshot(page, 'no-lost-work-01-signed-out-over-form');
    await dialog.getByLabel('گذرواژه').fill(TEST_PASSWORD);
    await dialog.getByRole('button', { name: 'ورود', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.locator('#narrative').inputValue()).toBe(narrative);
    expect(await page.locator('#parties_0_lastName').inputValue()).toBe('کاظمی');
    // Saving again, signed in, saves the case as typed.
    await page.getByRole('button', { name: 'ثبت پرونده' }).click();
    await page.waitForURL(/#\/cases\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    console.log(`no lost work: form and session in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 60_000);

  it('says when the node does not answer, and the screen recovers by itself when it does', async () => {
    const started = Date.now();
    const away = async (route: { abort(code: string): Promise<void> }) => route.abort('connectionrefused');
    await page.route('**/api/**', away);
    await page.route('**/readyz', away);
    await page.getByRole('link', { name: 'پرونده‌ها' }).first().click();
    const banner = page.getByRole('alert').filter({ hasText: 'سامانه پاسخ نمی‌دهد.' });
    await banner.waitFor();
    expect(await page.getByText('خطای پیش‌بینی‌نشده').count()).toBe(0);
    await screenshot(page, 'no-lost-work-02-node-away');
    await page.unroute('**/api/**', away);
    await page.unroute('**/readyz', away);
    await page.getByRole('button', { name: 'همین حالا تلاش کن' }).click();
    await banner.waitFor({ state: 'hidden' });
    await page.locator('.ant-table-row, .ant-empty').first().waitFor();
    console.log(`no lost work: outage and recovery in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 60_000);
});
