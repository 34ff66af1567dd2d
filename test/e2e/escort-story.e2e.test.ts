import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningNode } from '../../src/server/main.js';
import { createFsBlobStore } from '../../src/server/platform/blob-store/fs-blob-store.js';
import { openClock } from '../../src/server/modules/clocks/index.js';
import { inTransaction } from '../../src/server/db/transaction.js';
import { useTestDatabase } from '../db.js';
import { makeOrganisation, makeReadyCase, makeStationUser, makeUser } from '../factories.js';
import {
  ensureWebBuild,
  hasChromium,
  launchBrowser,
  screenshot,
  SKIP_MESSAGE,
  startTestNode,
  type Browser,
} from './browser-harness.js';
import { expectPersianScreen, horizontalOverflow, reloadUntil, signIn, signOut } from './ui-helpers.js';

/**
 * An escort (بدرقه) in the browser, on one node that hosts a station, its prosecutor's office and the
 * province's escort unit: the officer asks for the escort of an accused held since this morning, the escort
 * officer assigns officers, picks the person up and delivers them, and the station sees each step — and the
 * custody ended at the delivery. The node's own delivery worker carries every message.
 */

if (!hasChromium) console.warn(SKIP_MESSAGE);

const database = hasChromium ? await useTestDatabase() : null;
const PLACE = 'دادسرای ناحیه ۴ تهران، شعبه‌ی ۲ بازپرسی';

describe.skipIf(!hasChromium)('an escort of a person in custody, station to escort unit and back', () => {
  let node: RunningNode & { dataDir: string };
  let browser: Browser;
  let page: Page;
  let users: Record<'officer' | 'escort', { id: string; username: string }>;
  let stationId = '';
  let caseId = '';

  const escortCard = () => page.locator('[data-escort-id]').first();
  const step = async (button: string, label: string, value: string) => {
    await escortCard().getByRole('button', { name: button }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(label, { exact: true }).fill(value);
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    await dialog.waitFor({ state: 'hidden' });
  };

  beforeAll(async () => {
    const { db, url } = database!;
    await ensureWebBuild();
    const station = await makeStationUser(db, 'station.officer');
    const unit = await makeOrganisation(db, { kind: 'escort_unit' });
    users = { officer: station.user, escort: await makeUser(db, unit.id, 'escort.officer') };
    stationId = station.station.id;
    node = await startTestNode(url);
    // The case is made through the use cases, its document in the node's own blob store.
    const blobs = createFsBlobStore(`${node.dataDir}/blobs`);
    const opened = await makeReadyCase({ db, blobs }, station.actor, {
      custodySince: new Date(Date.now() - 6 * 3_600_000),
    });
    caseId = opened.id;
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.goto(`${node.url}/`);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await node?.stop();
  });

  it('(1) the officer asks for the escort of the accused held, to the prosecutor\u2019s office, from the case page', async () => {
    await signIn(page, users.officer.username);
    await page.goto(`${node.url}/#/cases/${caseId}`);
    await page.getByRole('button', { name: 'درخواست بدرقه' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('نشانی و واحد مقصد').fill(PLACE);
    await dialog.getByLabel('علت').fill('معرفی متهم به بازپرس پیش از پایان مهلت تحت نظر');
    await dialog.getByRole('button', { name: 'اکنون' }).click();
    await dialog.getByRole('button', { name: 'فرستادن درخواست' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await escortCard().getByText('درخواست‌شده').first().waitFor();
    await signOut(page);
  }, 60_000);

  it('(1b) the officer\u2019s bell shows a clock\u2019s alert as it fires, pushed live without reloading', async () => {
    await signIn(page, users.officer.username);
    await page.goto(`${node.url}/#/cases/${caseId}`);
    await page.getByTestId('case-clocks').getByText('مهلت ۲۴ ساعته‌ی تحت نظر').first().waitFor();
    const bell = page.getByTestId('notification-bell');
    const before = await bell.getAttribute('aria-label');
    // A clock whose one-hour alert is due now: the node's scheduler fires it within its tick.
    const now = new Date();
    await inTransaction(database!.db, (tx) =>
      openClock(tx, {
        kind: 'complaint_send',
        orgId: stationId,
        sourceId: `e2e-bell-${now.getTime()}`,
        caseId,
        caseRef: '1405/000777',
        responsibleUserId: users.officer.id,
        notifyRoles: [],
        legalBasis: 'CPC 1392 Art. 37',
        startedAt: now,
        dueAt: new Date(now.getTime() + 3_599_000),
        now,
      }),
    );
    await page.waitForFunction(
      (previous) =>
        document.querySelector('[data-testid="notification-bell"]')?.getAttribute('aria-label') !== previous,
      before,
      { timeout: 40_000 },
    );
    await bell.click();
    await page
      .getByTestId('notification-list')
      .getByText('۱ ساعت تا پایان مهلت ارسال شکایت پرونده‌ی ۱۴۰۵/۰۰۰۷۷۷ مانده است.')
      .waitFor();
    await screenshot(page, 'escort-00-bell');
    await page.getByRole('button', { name: 'همه خوانده شد' }).click();
    await page.getByRole('button', { name: 'اعلان‌ها: ۰ خوانده‌نشده' }).waitFor();
    await page.keyboard.press('Escape');
    await signOut(page);
  }, 60_000);

  it('(2) the escort officer finds it with the person and the custody clock, assigns officers and picks the person up', async () => {
    await signIn(page, users.escort.username);
    await reloadUntil(page, escortCard());
    const text = await expectPersianScreen(page);
    expect(text).toContain('علی رضایی');
    expect(text).toContain(PLACE);
    expect(await escortCard().getByRole('timer').count()).toBe(1);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'escort-01-unit-queue');
    await step('تعیین مأموران', 'مأموران بدرقه', 'ستوان یکم کریمی، استوار نادری');
    await step('تحویل گرفتن از کلانتری', 'تحویل‌دهنده در کلانتری (نام و درجه)', 'ستوان محمدی');
    await escortCard().getByRole('button', { name: 'تحویل در مقصد' }).waitFor();
    await screenshot(page, 'escort-02-picked-up');
    await step('تحویل در مقصد', 'تحویل‌گیرنده در مقصد (نام و سمت)', 'مدیر دفتر شعبه‌ی ۲');
    await page.getByText('بدرقه‌ای در جریان نیست.').waitFor();
    await signOut(page);
  }, 90_000);

  it('(3) the station sees the escort delivered with who took the person in, and the custody ended', async () => {
    await signIn(page, users.officer.username);
    await page.goto(`${node.url}/#/cases/${caseId}`);
    await reloadUntil(page, escortCard().getByText('مدیر دفتر شعبه‌ی ۲'));
    expect(await escortCard().getAttribute('data-status')).toBe('delivered');
    const text = await expectPersianScreen(page);
    expect(text).toContain('ستوان یکم کریمی، استوار نادری');
    expect(text).toContain('شخص در مقصد تحویل شد');
    expect(await page.getByRole('timer').count()).toBe(0); // no custody clock runs any more
    await screenshot(page, 'escort-03-station-case');
  }, 60_000);

  it('made no request outside this machine, and the pages threw no errors', () => {
    expect(browser.external()).toEqual([]);
    expect(browser.cspViolations).toEqual([]);
    expect(
      browser.pageErrors.filter((e) => e.startsWith('pageerror') || e.includes('The above error occurred')),
    ).toEqual([]);
  });
});
