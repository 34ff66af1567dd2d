import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from '../../src/domain/csv.js';
import { UNIT_CSV_COLUMNS } from '../../src/domain/rollout/units.schema.js';
import { demoUnitsRegister } from '../../src/server/demo/demo-units.js';
import type { RunningNode } from '../../src/server/main.js';
import { useTestDatabase } from '../db.js';
import { makeOrganisation, makeUser } from '../factories.js';
import {
  ensureWebBuild,
  hasChromium,
  launchBrowser,
  screenshot,
  SKIP_MESSAGE,
  startTestNode,
  type Browser,
} from './browser-harness.js';
import { expectPersianScreen, signInEnrollingTotp } from './ui-helpers.js';

/**
 * The rollout in the browser, in Persian: the administrator imports the national register of units — a file with
 * a bad row is refused whole, its faults named by line — then plans the stations for 60 % of thefts (typed in
 * Persian digits), sees the coverage curve and adopts the plan, whose waves appear on the dashboard with their
 * Jalali due dates.
 */

if (!hasChromium) console.warn(SKIP_MESSAGE);

const database = hasChromium ? await useTestDatabase() : null;
const register = (rows: string[][]) => Buffer.from(toCsv(UNIT_CSV_COLUMNS, rows), 'utf8');

describe.skipIf(!hasChromium)('the rollout: register, plan, waves', () => {
  let node: RunningNode & { dataDir: string };
  let browser: Browser;
  let page: Page;
  let admin = '';

  beforeAll(async () => {
    const { db, url } = database!;
    await ensureWebBuild();
    const hq = await makeOrganisation(db, { kind: 'hq' });
    admin = (await makeUser(db, hq.id, 'admin')).username;
    node = await startTestNode(url);
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.goto(`${node.url}/`);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await node?.stop();
  });

  it('(1) refuses a register with a bad row, naming its line, and imports a good one', async () => {
    await signInEnrollingTotp(page, admin);
    await page.goto(`${node.url}/#/rollout`);
    const upload = page.locator('input[type=file]');
    await upload.setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: register([
        ['KL-1', 'کلانتری ۱', 'IR-23', 'تهران', 'station', '10', '20'],
        ['KL-2', 'کلانتری ۲', 'IR-99', 'تهران', 'station', '-5', '20'],
      ]),
    });
    const issues = page.getByTestId('import-issues');
    await issues.waitFor();
    expect(await issues.innerText()).toContain('سطر ۳ province: استان ناشناخته');
    expect(await issues.innerText()).toContain('شمار نمی‌تواند منفی باشد');
    const units = demoUnitsRegister(3, 200).map((u) => [
      u.code,
      u.nameFa,
      u.province,
      u.county,
      u.kind,
      String(u.thefts),
      String(u.visits),
    ]);
    await upload.setInputFiles({ name: 'units.csv', mimeType: 'text/csv', buffer: register(units) });
    await page.getByTestId('import-result').waitFor();
    expect(await page.getByTestId('import-result').innerText()).toContain('۲۰۰ یگان وارد شد');
  });

  it('(2) plans for ۶۰٪ of thefts, shows the coverage curve, and adopts the plan into dated waves', async () => {
    await page.getByTestId('plan-target').fill('۰٫۶');
    await page.getByTestId('plan-submit').click();
    const summary = page.getByTestId('plan-summary');
    await summary.waitFor();
    expect(await summary.innerText()).toMatch(/^[۰-۹]+ یگان از ۲۰۰ یگان، [۰-۹٫]+٪ سرقت‌ها/);
    await page.locator('[role=img] svg').first().waitFor();
    await page.getByTestId('plan-adopt').click();
    await page.getByTestId('rollout-waves').getByText('موج').first().waitFor();
    await page.getByTestId('rollout-units').locator('tbody tr').first().waitFor();
    await expectPersianScreen(page);
    await screenshot(page, 'rollout');
  });
});
