import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import fa from '../../src/web/i18n/fa.json' with { type: 'json' };
import { toPersianDigits } from '../../src/domain/persian-text.js';
import { totpCodeAt } from '../../src/server/modules/auth/totp.rules.js';
import { TEST_PASSWORD } from '../factories.js';

/** The dictionary's namespaces (`cases`, `intake`, `orders`, …): a dotted word starting with one is a key. */
const KEY_PATTERN = new RegExp(
  `(?<![\\w.])(?:${Object.keys(fa).join('|')})\\.[A-Za-z_]+(?:\\.[A-Za-z_]+)*`,
  'g',
);

/** Dictionary keys that reached the screen untranslated (`cases.fields.x`) — a missing text. */
export const untranslated = (text: string): string[] => text.match(KEY_PATTERN) ?? [];

/** `{name}` placeholders that were never filled in. */
export const unfilledPlaceholders = (text: string): string[] => text.match(/\{\w+\}/g) ?? [];

/** A Jalali year of this century, in Persian digits. */
export const JALALI_YEAR = /۱۴۰[۰-۹]/;

export const openDropdown = '.ant-select-dropdown:not(.ant-select-dropdown-hidden)';

/** Signs in from the sign-in page (signing out first whoever is still signed in, after a failed step). */
export async function signIn(page: Page, username: string): Promise<void> {
  if (await page.getByTestId('current-user').isVisible()) {
    await page.reload(); // closes whatever dialog the failed step left open
    await signOut(page);
  }
  await page.getByLabel('نام کاربری').fill(username);
  await page.getByLabel('گذرواژه').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'ورود' }).click();
  await page.getByTestId('current-user').waitFor();
}

/**
 * Signs in a user whose role requires two-step sign-in and who has none yet (an administrator, by default):
 * the password, then enrolment — the key shown beside the QR code gives the code an authenticator app would
 * show — then the recovery codes, kept. Returns the TOTP secret, for later sign-ins.
 */
export async function signInEnrollingTotp(page: Page, username: string): Promise<string> {
  await page.getByLabel('نام کاربری').fill(username);
  await page.getByLabel('گذرواژه').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'ورود' }).click();
  await page.getByAltText('کد QR برای افزودن حساب به برنامه‌ی احراز هویت').waitFor();
  const secret = (await page.getByTestId('totp-secret').innerText()).trim();
  await page.getByLabel('کد شش‌رقمی‌ای که برنامه اکنون نشان می‌دهد').fill(totpCodeAt(secret, new Date()));
  await page.getByRole('button', { name: 'تأیید و فعال‌سازی' }).click();
  await page.getByTestId('recovery-codes').waitFor();
  await page.getByRole('button', { name: 'کدها را نگه داشتم، ادامه' }).click();
  await page.getByTestId('current-user').waitFor();
  return secret;
}

/** Signs out from the header; the sign-in page comes back at the home route. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'خروج', exact: true }).click();
  await page.getByLabel('نام کاربری').waitFor();
}

export async function pickFirstOption(page: Page, selector: string): Promise<void> {
  await page.locator(selector).click();
  await page.locator(`${openDropdown} .ant-select-item-option`).first().click();
}

/**
 * Waits for something that another party (the delivery worker, another user) brings about: looks for
 * it a few seconds, then reloads the page and looks again, until `timeout`.
 */
export async function reloadUntil(
  page: Page,
  target: Locator,
  { timeout = 30_000, look = 3_000 }: { timeout?: number; look?: number } = {},
): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      await target.first().waitFor({ timeout: look });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await page.reload();
  }
}

/**
 * The checks every Persian screen passes: right to left, dates Jalali in Persian digits (when `dated`),
 * and no dictionary key or `{placeholder}` left on screen. Returns the text looked at.
 */
export async function expectPersianScreen(
  page: Page,
  scope: Locator = page.locator('main'),
  { dated = true }: { dated?: boolean } = {},
): Promise<string> {
  expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('fa');
  // No screen fell into its error boundary or "not found".
  expect(await page.locator('.ant-result-error, .ant-result-404').count()).toBe(0);
  const text = await scope.innerText();
  if (dated) expect(text).toMatch(JALALI_YEAR);
  expect(untranslated(text)).toEqual([]);
  expect(unfilledPlaceholders(text)).toEqual([]);
  return text;
}

/** How many pixels the page is wider than the window (> 0: something sticks out sideways). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** What the officer types into the new-case form: a narrative, two parties, and two documents (PDF, PNG). */
export interface ComplaintForm {
  narrative: string;
  complainant: { firstName: string; lastName: string; nationalId: string };
  accused: { firstName: string; lastName: string; nationalId: string };
  files: { pdf: string; png: string };
}

/**
 * Fills the new-case form as an officer would — national IDs typed in Persian digits, documents
 * dropped and classified — and leaves it ready to save (`submitNewCase`), so a test can look first.
 */
export async function fillComplaintCase(page: Page, form: ComplaintForm): Promise<void> {
  await page.getByRole('link', { name: 'تشکیل پرونده' }).click();
  await page.getByRole('heading', { name: 'تشکیل پرونده' }).waitFor();
  await pickFirstOption(page, '#crimeCategoryCode');
  await page.getByRole('button', { name: 'اکنون' }).click();
  await page.locator('#narrative').fill(form.narrative);
  const party = async (index: number, p: ComplaintForm['complainant']) => {
    await page.locator(`#parties_${index}_firstName`).fill(p.firstName);
    await page.locator(`#parties_${index}_lastName`).fill(p.lastName);
    await page.locator(`#parties_${index}_nationalId`).pressSequentially(toPersianDigits(p.nationalId));
  };
  await party(0, form.complainant);
  await page.getByRole('button', { name: 'افزودن شخص' }).click();
  await party(1, form.accused);
  await expect.poll(() => page.getByText('کد ملی معتبر است.').count()).toBe(2);

  await page.getByTestId('document-input').setInputFiles([form.files.pdf, form.files.png]);
  const chooseKind = async (index: number, kind: string) => {
    await page.locator('li[data-status]').nth(index).locator('.ant-select-selector').click();
    await page.locator(`${openDropdown} .ant-select-item-option[title="${kind}"]`).click();
    await page
      .locator(openDropdown)
      .waitFor({ state: 'detached' })
      .catch(() => undefined);
  };
  await chooseKind(0, 'شکوائیه');
  await chooseKind(1, 'عکس');
}

/** Saves the new-case form and returns the new case page's URL. */
export async function submitNewCase(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'ثبت پرونده' }).click();
  await page.waitForURL(/#\/cases\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  return page.url();
}

/**
 * Loads a screen afresh and prints its first view: from the navigation's start to `ready` being visible, with
 * the API requests and script bytes it took (on a machine loaded by other work, the counts say more than
 * the milliseconds). Returns the milliseconds.
 */
export async function timeFirstView(page: Page, url: string, ready: Locator, name: string): Promise<number> {
  // A new document: a hash route alone would not navigate, and the clock and the entries would be the old page's.
  await page.goto('about:blank');
  await page.goto(url);
  await ready.waitFor();
  const figures = await page.evaluate(() => {
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const api = resources.filter((r) => new URL(r.name).pathname.startsWith('/api/'));
    const scripts = resources.filter((r) => r.initiatorType === 'script' || r.name.endsWith('.js'));
    return {
      ms: Math.round(performance.now()),
      api: api.map((r) => new URL(r.name).pathname.replace(/[0-9a-f-]{36}/g, ':id')),
      scriptKb: Math.round(scripts.reduce((sum, r) => sum + r.transferSize, 0) / 1024),
    };
  });
  console.log(
    `[first view] ${name}: ${figures.ms} ms, ${figures.api.length} API requests (${figures.api.join(', ')}), ` +
      `${figures.scriptKb} KB of script`,
  );
  return figures.ms;
}
