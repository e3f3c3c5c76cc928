// library.test.mjs — the browser step of tests/cli/web_browser_library.sh (issue 17, the case
// library): a resident opens a closed case whose correction was complied with, proposes it
// as a typical case (推荐为典型案例) and lands on the draft, which is anonymised (张某, no
// 张三, no id number, no case number); a summary naming 张三 again is refused at publishing
// with the field and the name; once fixed it is published (已发布); the library page finds
// it by full-text search and lists it; the lead's page shows it under 同类典型案例; the
// printable booklet holds it. Screenshots of each. Any page error fails it.
// Env: BASE, ARTIFACTS, CASE (the case id), LEAD (its lead id).
import { launchChromium, login } from './chromium.mjs';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BASE = process.env.BASE;
const OUT = process.env.ARTIFACTS || path.join(os.tmpdir(), 'zj-library');
const CASE = process.env.CASE, LEAD = process.env.LEAD;
assert.ok(BASE && CASE && LEAD, 'BASE, CASE and LEAD must be set');
fs.mkdirSync(OUT, { recursive: true });
const NAME = '张三', IDN = '320102198001011234';
const browser = await launchChromium({ viewport: { width: 1366, height: 900 } });
browser.setDefaultTimeout(60000);
const errors = [];
let step = 'start';
const shot = (page, name) => page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
try {
  const page = browser.pages()[0] || await browser.newPage();
  page.on('pageerror', (e) => errors.push(`${step}: ${e}`));

  step = 'log in';
  await login(page, BASE, 'res1', 'respass123', '.stats');
  // the refused publication answers 409, which the console reports: expected at that step
  page.on('console', (m) => {
    if (m.type() === 'error' && step !== 'publishing refuses the name') errors.push(`${step}: ${m.text()}`);
  });

  step = 'propose the closed case';
  await page.goto(`${BASE}/#/cases/${CASE}`);
  await page.click('#btn-propose');
  await page.waitForSelector('#tc-body');
  assert.match(page.url(), /#\/library\/\d+$/);
  const tcId = page.url().match(/#\/library\/(\d+)$/)[1];
  assert.equal((await page.textContent('#tc-status')).trim(), '草稿');
  const draft = await page.textContent('#tc-body');
  assert.match(draft, /张某/);
  assert.doesNotMatch(draft, new RegExp(`${NAME}|${IDN}|R001|S001`), 'the draft identifies the source');
  assert.doesNotMatch(draft, /\d{4}-\d{2}-\d{2}/, 'a full date in the draft');
  await shot(page, 'l1-draft');

  // save the editor and wait for the answer and the page drawn again
  const save = async () => {
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/library/${tcId}`) && r.request().method() === 'POST'),
      page.waitForResponse((r) => r.url().endsWith(`/api/library/${tcId}`) && r.request().method() === 'GET'),
      page.click('#btn-tc-save')]);
    assert.equal(res.status(), 200);
    await page.waitForSelector('#tc-summary');
  };

  step = 'publishing refuses the name';
  const summary = await page.inputValue('#tc-summary');
  await page.fill('#tc-summary', `罪犯${NAME}${summary}`);
  await save();
  assert.match(await page.inputValue('#tc-summary'), /^罪犯张三/);
  await page.click('#btn-tc-publish');
  await page.locator('#tc-msg', { hasText: NAME }).waitFor();
  assert.match(await page.textContent('#tc-msg'), /基本案情.*姓名“张三”/);
  assert.equal((await page.textContent('#tc-status')).trim(), '草稿');
  await shot(page, 'l2-refused');

  step = 'publish the fixed text';
  await page.fill('#tc-summary', summary);
  await page.fill('#tc-keywords', (await page.inputValue('#tc-keywords')) + '；浏览器示例');
  await save();
  assert.match(await page.inputValue('#tc-keywords'), /浏览器示例/);
  await page.click('#btn-tc-publish');
  await page.locator('#tc-status', { hasText: '已发布' }).waitFor();
  assert.equal(await page.locator('#btn-tc-withdraw').count(), 1);
  await shot(page, 'l3-published');

  step = 'the library finds it';
  await page.goto(`${BASE}/#/library`);
  await page.waitForSelector('#library-filters');
  await page.fill('#library-q', '浏览器示例');
  await page.click('#library-filters button[type=submit]');
  await page.locator('#library-total', { hasText: '共 1 件' }).waitFor();
  assert.equal(await page.locator(`a[href="#/library/${tcId}"]`).count() >= 1, true);
  assert.doesNotMatch(await page.textContent('main'), new RegExp(NAME));
  await page.fill('#library-q', '没有这样的案例文字');
  await page.click('#library-filters button[type=submit]');
  await page.locator('#library-total', { hasText: '共 0 件' }).waitFor();
  await shot(page, 'l4-library');

  step = "the lead's page shows the typical case of its model";
  await page.goto(`${BASE}/#/leads/${LEAD}`);
  await page.waitForSelector(`#lead-typical a[href="#/library/${tcId}"]`);
  await shot(page, 'l5-lead');

  step = 'the printable booklet';
  const view = await browser.newPage();
  view.on('pageerror', (e) => errors.push(`${step}: ${e}`));
  await view.goto(`${BASE}/api/library/booklet.html?inline=1`);
  const text = await view.textContent('body');
  assert.match(text, /浏览器示例|张某/);
  assert.doesNotMatch(text, new RegExp(`${NAME}|${IDN}`));
  await view.screenshot({ path: path.join(OUT, 'l6-booklet.png'), fullPage: true });
  await view.close();
} catch (e) {
  console.error(`library test failed at step '${step}':`, e);
  if (errors.length) console.error('page errors:', errors);
  await browser.close();
  process.exit(1);
}
await browser.close();
assert.deepEqual(errors, [], 'page errors');
console.log('library.test: ok');
