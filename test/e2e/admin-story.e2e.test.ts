import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningNode } from '../../src/server/main.js';
import { useTestDatabase } from '../db.js';
import { makeOrganisation, makeStationUser, makeUser } from '../factories.js';
import {
  ensureWebBuild,
  hasChromium,
  launchBrowser,
  screenshot,
  SKIP_MESSAGE,
  startTestNode,
  type Browser,
} from './browser-harness.js';
import { expectPersianScreen, signInEnrollingTotp, signOut } from './ui-helpers.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

const database = hasChromium ? await useTestDatabase() : null;

/** Issue 18, point 9: an administrator resets a password, disables an account, and reads the log filtered. */
describe.skipIf(!hasChromium)('an administrator in the browser (Persian, right to left)', () => {
  let node: RunningNode;
  let browser: Browser;
  let page: Page;
  let admin: { username: string; displayName: string };
  let officer: { username: string };
  let leaver: { username: string };
  let oneTimePassword = '';

  beforeAll(async () => {
    const { db, url } = database!;
    await ensureWebBuild();
    const hq = await makeOrganisation(db, { kind: 'hq' });
    admin = await makeUser(db, hq.id, 'admin');
    const station = await makeStationUser(db);
    officer = station.user;
    leaver = await makeUser(db, station.actor.orgId, 'station.officer');
    node = await startTestNode(url);
    browser = await launchBrowser();
    page = await browser.newPage();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await node?.stop();
  });

  const userRow = (username: string) => page.locator('tr', { hasText: username });

  it('resets a password and shows the one-time password once', async () => {
    await page.goto(`${node.url}/`);
    await signInEnrollingTotp(page, admin.username);
    const started = Date.now();
    await page.goto(`${node.url}/#/admin/users`);
    await userRow(officer.username).waitFor();
    console.log(`[figures] users screen first view: ${Date.now() - started} ms`);
    await userRow(officer.username).getByRole('button', { name: 'بازنشانی گذرواژه' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'بازنشانی گذرواژه' }).click();
    const shown = page.getByTestId('one-time-password');
    await shown.waitFor();
    oneTimePassword = (await shown.innerText()).trim();
    expect(oneTimePassword).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    await screenshot(page, 'admin-01-one-time-password');
    await page.getByRole('button', { name: 'به کاربر دادم' }).click();
    await userRow(officer.username).getByText('باید گذرواژه را عوض کند').waitFor();
  }, 120_000);

  it('disables an account, which then reads «غیرفعال»', async () => {
    await userRow(leaver.username).getByRole('button', { name: 'غیرفعال کردن' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'غیرفعال کردن' }).click();
    await userRow(leaver.username).getByText('غیرفعال', { exact: true }).waitFor();
    await expectPersianScreen(page, page.locator('main'), { dated: false });
    await screenshot(page, 'admin-02-users');
  }, 60_000);

  it('filters the audit log by action, with names and Persian labels, the filter kept in the URL', async () => {
    const started = Date.now();
    await page.goto(`${node.url}/#/admin/audit?action=user.password_reset`);
    const row = page.locator('tr', { hasText: 'بازنشانی گذرواژه‌ی کاربر' });
    await row.first().waitFor();
    console.log(`[figures] audit screen first view (filtered): ${Date.now() - started} ms`);
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toContain(admin.displayName);
    const text = await expectPersianScreen(page);
    expect(text).not.toContain('user.password_reset');
    const exportHref = await page.getByRole('link', { name: /برون‌بری CSV/ }).getAttribute('href');
    expect(exportHref).toBe('/api/audit/export.csv?action=user.password_reset');
    const csv = await page.evaluate(async (href) => {
      const res = await fetch(href);
      return { type: res.headers.get('content-type'), bytes: [...new Uint8Array(await res.arrayBuffer())] };
    }, exportHref!);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    expect(csv.bytes.slice(0, 3)).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(Uint8Array.from(csv.bytes))).toContain('بازنشانی گذرواژه‌ی کاربر');
    await screenshot(page, 'admin-03-audit-filtered');
  }, 60_000);

  it('lets the officer in with the one-time password only to choose a new one', async () => {
    await signOut(page);
    await page.getByLabel('نام کاربری').fill(officer.username);
    await page.getByLabel('گذرواژه').fill(oneTimePassword);
    await page.getByRole('button', { name: 'ورود' }).click();
    await page.getByRole('heading', { name: 'گذرواژه‌ی تازه' }).waitFor();
    await page.getByLabel('گذرواژه‌ی تازه (دست‌کم ۱۰ نویسه)').fill('گذرواژه‌ی تازه‌ی من ۱۲');
    await page.getByLabel('تکرار گذرواژه‌ی تازه').fill('گذرواژه‌ی تازه‌ی من ۱۲');
    await screenshot(page, 'admin-04-new-password');
    await page.getByRole('button', { name: 'ثبت گذرواژه و ورود' }).click();
    await page.getByTestId('current-user').waitFor();
  }, 60_000);
});
