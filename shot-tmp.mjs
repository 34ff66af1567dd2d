import { chromium } from 'playwright-core';
const [,, user, pass, route, out, width] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync'] });
const page = await browser.newPage({ viewport: { width: Number(width ?? 1280), height: 900 } });
await page.goto('http://127.0.0.1:3100/');
await page.getByLabel('نام کاربری').fill(user);
await page.getByLabel('گذرواژه').fill(pass);
await page.keyboard.press('Enter');
await page.waitForTimeout(1500);
if (route) { await page.goto('http://127.0.0.1:3100/' + route); await page.waitForTimeout(1500); }
await page.screenshot({ path: out, fullPage: true });
console.log(page.url());
await browser.close();
