// notice.test.mjs — the browser step of tests/cli/web_browser_notice.sh (issue 18): a
// resident opens an issued 纠正违法通知书 and a drafted 检察建议书 in Debian's chromium. The
// measure page shows the register's number (read-only), the sending procuratorate, the
// computed deadlines and the versions; the print view has the procuratorate at the head and
// the foot, the number, the facts as prose (2025年3月1日, no ISO date, no "key：value"),
// 本院认为 with the rule, 监狱法第六条 for a prison, and 抄送 on the suggestion. Screenshots
// of each. Any page error or CSP violation fails it.
// Env: BASE, ARTIFACTS, NOTICE and SUGGESTION (measure ids).
import { launchChromium, login } from './chromium.mjs';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BASE = process.env.BASE;
const OUT = process.env.ARTIFACTS || path.join(os.tmpdir(), 'zj-notice');
const NOTICE = process.env.NOTICE, SUGGESTION = process.env.SUGGESTION;
assert.ok(BASE && NOTICE && SUGGESTION, 'BASE, NOTICE and SUGGESTION must be set');
fs.mkdirSync(OUT, { recursive: true });
const browser = await launchChromium({ viewport: { width: 1280, height: 900 } });
browser.setDefaultTimeout(60000);
const errors = [];
let step = 'start';
try {
  const page = browser.pages()[0] || await browser.newPage();
  page.on('pageerror', (e) => errors.push(`${step}: ${e}`));

  step = 'log in'; // the login page's probe of /api/me answers 401: console errors count after it
  await login(page, BASE, 'res1', 'respass123', '.stats');
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${step}: ${m.text()}`); });

  step = 'the notice in the editor';
  await page.goto(`${BASE}/#/measures/${NOTICE}`);
  await page.waitForSelector('#doc-body');
  assert.equal(await page.inputValue('#doc-number'), '宁检刑执纠违〔2025〕1号');
  assert.equal(await page.getAttribute('#doc-number', 'readonly'), '');
  assert.equal(await page.inputValue('#doc-org'), '江苏省南京市人民检察院');
  assert.equal(await page.inputValue('#doc-signer'), '江苏省南京市人民检察院');
  const main = await page.textContent('main');
  assert.match(main, /签发日期2025-07-02/);
  assert.equal(await page.locator('#doc-versions li').count(), 2, 'draft and issue');
  await page.screenshot({ path: path.join(OUT, '01-notice-editor.png'), fullPage: true });

  step = 'the notice printed';
  const view = await browser.newPage();
  view.on('pageerror', (e) => errors.push(`${step}: ${e}`));
  await view.goto(`${BASE}/api/measures/${NOTICE}/document.html?inline=1`);
  await view.waitForSelector('h1');
  assert.equal((await view.textContent('.org')).trim(), '江苏省南京市人民检察院');
  assert.equal((await view.textContent('h1')).trim(), '纠正违法通知书');
  assert.equal((await view.textContent('.no')).trim(), '宁检刑执纠违〔2025〕1号');
  assert.equal((await view.textContent('.signer')).trim(), '江苏省南京市人民检察院');
  assert.equal((await view.textContent('.date')).trim(), '2025年7月2日');
  const body = (await view.locator('p.b').allTextContents()).join('\n');
  assert.match(body, /2025年3月1日/);
  assert.doesNotMatch(body, /\d{4}-\d{2}-\d{2}/, 'no ISO date');
  assert.doesNotMatch(body, /[a-z]+_[a-z]+/, 'no evidence key');
  assert.match(body, /本院认为/);
  assert.match(body, /《中华人民共和国监狱法》第六条/);
  assert.match(body, /收到本通知书后15日以内/);
  await view.screenshot({ path: path.join(OUT, '02-notice-print.png'), fullPage: true });

  step = 'the suggestion printed';
  await view.goto(`${BASE}/api/measures/${SUGGESTION}/document.html?inline=1`);
  await view.waitForSelector('h1');
  assert.equal((await view.textContent('h1')).trim(), '检察建议书');
  assert.match((await view.textContent('.no')).trim(), /^宁检刑执检建〔2025〕　号$/);
  assert.match(await view.textContent('.cc'), /抄送：江苏省人民检察院/);
  const sbody = (await view.locator('p.b').allTextContents()).join('\n');
  assert.match(sbody, /本院建议/);
  assert.match(sbody, /二、/);
  assert.match(sbody, /两个月以内/);
  await view.screenshot({ path: path.join(OUT, '03-suggestion-print.png'), fullPage: true });
  await view.close();
} catch (e) {
  console.error(`notice test failed at step '${step}':`, e);
  if (errors.length) console.error('page errors:', errors);
  await browser.close();
  process.exit(1);
}
await browser.close();
assert.deepEqual(errors, [], 'page errors');
console.log('notice.test: ok');
