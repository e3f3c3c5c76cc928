// web.test.mjs — the browser test of the web UI (issue 7): Debian's chromium driven by
// playwright-core. Logs in as a resident procurator, filters leads, opens one, takes it
// up as a case, drafts a correction notice, edits and downloads it (.docx and HTML), and
// checks that a user scoped to another facility cannot reach the lead by URL; an admin resets
// a password and the account has to change it before anything else.
// Waits use locators and URLs, never waitForFunction: the page's CSP forbids eval.
// Env: BASE (server URL), ARTIFACTS (directory for screenshots and downloads).
import { launchChromium, login } from './chromium.mjs';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BASE = process.env.BASE;
const OUT = process.env.ARTIFACTS || path.join(os.tmpdir(), 'zj-browser');
assert.ok(BASE, 'BASE must be set');
fs.mkdirSync(OUT, { recursive: true });

const browser = await launchChromium({ viewport: { width: 1366, height: 900 }, acceptDownloads: true },
  ['--disable-quic']);
browser.setDefaultTimeout(60000); // a loaded CI machine can be slow; fail late rather than flake
let step = 'start';
const errors = [];
async function shot(page, name) {
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
}

try {
  const page = browser.pages()[0] || await browser.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });

  step = 'login page';
  await page.goto(BASE + '/');
  await page.waitForSelector('#login-form');
  await shot(page, '01-login');
  step = 'wrong password';
  await page.fill('#login-form input[name=name]', 'res1');
  await page.fill('#login-form input[name=password]', 'not-the-password');
  await page.click('#login-form button[type=submit]');
  await page.locator('#login-error', { hasText: '错误' }).waitFor();

  step = 'log in';
  await login(page, BASE, 'res1', 'respass123', '.stats');
  assert.match(await page.textContent('#who'), /res1/);
  await shot(page, '02-overview');

  step = 'filter leads';
  await page.click('#nav a[data-nav=leads]');
  await page.waitForSelector('#lead-filters');
  await page.selectOption('#lead-filters select[name=severity]', 'high');
  await page.selectOption('#lead-filters select[name=status]', 'open');
  await page.click('#lead-filters button[type=submit]');
  await page.waitForURL(/severity=high/);
  await page.waitForSelector('table.grid tbody tr');
  const sev = await page.$$eval('table.grid tbody tr td:nth-child(2)', (tds) => tds.map((t) => t.textContent));
  assert.ok(sev.length > 0, 'filtered list is empty');
  assert.ok(sev.every((s) => s === '高'), 'filter by severity: ' + sev.join(','));
  const facilities = await page.$$eval('table.grid tbody tr td:nth-child(6)', (tds) => tds.map((t) => t.textContent));
  assert.ok(facilities.every((f) => f === '江苏省南京监狱'), 'list outside scope: ' + facilities.join(','));
  const regions = await page.$$eval('table.grid tbody tr td:nth-child(7)', (tds) => tds.map((t) => t.textContent));
  assert.ok(regions.every((r) => r === '江苏省南京市'), 'region names in the list: ' + regions.join(','));
  await shot(page, '03-leads');

  step = 'open a lead';
  await page.goto(BASE + '/#/leads?model=CHG-03');
  await page.waitForSelector('table.grid tbody tr');
  await page.click('table.grid tbody tr td:nth-child(4) a');
  await page.waitForSelector('#lead-summary');
  assert.match(await page.textContent('#lead-summary'), /减刑幅度超限/);
  assert.match(await page.textContent('#lead-basis'), /减刑假释规定第6条/);
  assert.match(await page.textContent('#main'), /江苏省南京市（320100）/);
  await page.locator('#lead-articles .article').first().waitFor();
  const tl = await page.$$eval('#evidence-timeline li .tl-date', (els) => els.map((e) => e.textContent));
  assert.deepEqual(tl, [...tl].sort(), 'timeline in date order');
  assert.ok(tl.includes('2025-03-01'), 'timeline shows the decision date');
  await shot(page, '04-lead');
  const leadUrl = page.url();

  step = 'take it up';
  await page.fill('#action-note', '');
  await page.click('#btn-case');
  await page.waitForURL(/#\/cases\/\d+$/);
  await page.waitForSelector('#measure-kind');
  await shot(page, '05-case');

  step = 'draft a correction notice';
  await page.selectOption('#measure-kind', 'correction_notice');
  await page.click('#btn-measure');
  await page.waitForURL(/#\/measures\/\d+$/);
  await page.waitForSelector('#doc-body');
  const body = await page.inputValue('#doc-body');
  assert.match(body, /具体应用法律的规定》第六条/);
  assert.match(body, /收到本通知书后15日以内/);
  assert.match(body, /本院认为/);
  assert.equal(await page.inputValue('#doc-title'), '纠正违法通知书');
  assert.equal(await page.inputValue('#doc-number'), '宁检刑执纠违〔2025〕　号', 'numbered on issue');
  assert.equal(await page.inputValue('#doc-org'), '江苏省南京市人民检察院');
  await page.fill('#doc-org', '南京市人民检察院');
  await page.click('#btn-save-doc');
  await page.locator('#doc-msg', { hasText: '已保存' }).waitFor();
  await shot(page, '06-measure');
  step = 'register sending';
  await page.fill('#sent-date', '2025-06-01');
  await page.click('#btn-sent');
  await page.locator('main dd', { hasText: '2025-06-16' }).first().waitFor();

  step = 'download the notice';
  const [docx] = await Promise.all([page.waitForEvent('download'), page.click('#dl-docx')]);
  const docxPath = path.join(OUT, 'notice.docx');
  await docx.saveAs(docxPath);
  const bytes = fs.readFileSync(docxPath);
  assert.equal(bytes.subarray(0, 2).toString(), 'PK', '.docx is a zip package');
  assert.ok(bytes.includes(Buffer.from('word/document.xml')), '.docx has word/document.xml');
  const [html] = await Promise.all([page.waitForEvent('download'), page.click('#dl-html')]);
  const htmlPath = path.join(OUT, 'notice.html');
  await html.saveAs(htmlPath);
  const htmlText = fs.readFileSync(htmlPath, 'utf8');
  assert.match(htmlText, /宁检刑执纠违〔2025〕1号/);
  assert.match(htmlText, /南京市人民检察院/);
  const preview = await browser.newPage();
  await preview.goto(BASE + '/api/measures/' + page.url().match(/measures\/(\d+)/)[1] + '/document.html?inline=1');
  await preview.waitForSelector('h1');
  await shot(preview, '07-notice-print');
  await preview.close();

  step = 'person page';
  await page.goto(BASE + '/#/persons/R001');
  await page.waitForSelector('#person-timeline li');
  assert.equal(await page.textContent('#person-id-number'), '110105198001011234');
  // law.md §16: the commutation S001 (decided 2025) names the provisions it is judged by
  assert.match(await page.textContent('#person-timeline li[data-ref="S001"]'), /适用减刑假释规定/);
  await shot(page, '08-person');

  step = 'person picture of a long-term prisoner';
  // several hundred records (128 scores, 144 weekly check-ins, custody at two prisons,
  // commutations, parole) as one picture on one screen
  await page.goto(BASE + '/#/persons/R009');
  await page.waitForSelector('#person-picture svg .pp-band');
  const pic = page.locator('#person-picture svg');
  const box = await pic.boundingBox();
  assert.ok(box.width <= 1366 && box.height > 150 && box.height < 700, 'picture fits one screen: ' + JSON.stringify(box));
  assert.equal(await page.locator('#person-picture .pp-band.custody').count(), 5, 'custody: detention, P3201, P3205, P3201 to the leave, P3201 to the parole');
  assert.equal(await page.locator('#person-picture .pp-mark.commutation').count(), 2);
  assert.equal(await page.locator('#person-picture .pp-band.parole').count(), 1);
  assert.equal(await page.locator('#person-picture .pp-band.correction').count(), 1);
  assert.match(await page.locator('#person-picture .pp-band.correction').textContent(), /报到定位144次/);
  assert.equal(await page.locator('#person-picture .pp-band.dpr').count(), 1);
  assert.equal(await page.locator('#person-picture .pp-band.leave').count(), 1);
  assert.equal(await page.locator('#person-picture .pp-band.restraint').count(), 1);
  assert.equal(await page.locator('#person-picture .pp-mark.activity').count(), 3);
  assert.equal(await page.locator('#person-picture .pp-mark.lead').count(), 1);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator('#person-picture').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(OUT, '08b-person-picture.png') });
  // the custody-safety section: the incident with role and injury, labour, release preparation
  const safety = await page.textContent('#custody-safety');
  assert.match(safety, /2012-04-10\s*打架斗殴\s*施害方\s*轻伤/);
  assert.match(safety, /2021-04\s*P3201\s*176\s*6/);
  assert.match(safety, /2021-04-15\s*出监教育/);
  assert.equal(await page.locator('#person-timeline li[data-ref="I901"]').count(), 1);
  // a band opens its record in the list below; a lead mark opens the lead
  await page.locator('#person-picture .pp-band.custody[data-ref="E904"] rect').first().click();
  await page.waitForSelector('#person-timeline li.tl-hit[data-ref="E904"]');
  await page.locator('#person-picture .pp-mark.lead').click();
  await page.waitForURL(/#\/leads\/901$/);
  await page.waitForSelector('#lead-summary');

  step = 'due list';
  await page.goto(BASE + '/#/due');
  await page.waitForSelector('main .card table.grid');
  assert.match(await page.textContent('main .card table.grid'), /已逾期 15 天/);
  await shot(page, '09-due');

  step = 'scoped user cannot reach the lead by URL';
  await page.click('#logout');
  await page.waitForSelector('#login-form');
  await login(page, BASE, 'res2', 'respass234', '.stats');
  await page.goto(leadUrl);
  await page.waitForSelector('#page-error');
  assert.match(await page.textContent('#page-error'), /未找到该记录，或不在您的权限范围内/);
  assert.equal(await page.$('#lead-summary'), null);
  await shot(page, '10-scope-denied');
  await page.goto(BASE + '/#/persons/R001');
  await page.waitForSelector('#page-error');

  step = 'admin pages';
  await page.click('#logout');
  await page.waitForSelector('#login-form');
  await login(page, BASE, 'admin', 'adminpass1', '.stats');
  await page.goto(BASE + '/#/accounts');
  await page.waitForSelector('table.grid');
  await shot(page, '11-accounts');
  await page.goto(BASE + '/#/audit');
  await page.waitForSelector('#audit-status');
  assert.match(await page.textContent('#audit-status'), /哈希链完整/);
  await shot(page, '12-audit');
  await page.goto(BASE + '/#/leads/2');
  await page.waitForSelector('#lead-summary');
  assert.match(await page.textContent('main'), /320102\*{8}2345/, 'admin sees masked id_numbers');

  step = 'reset a password: the account must change it before anything else';
  await page.goto(BASE + '/#/accounts');
  page.once('dialog', (d) => d.accept('temp-pass-77'));
  await page.locator('table.grid tr', { hasText: 'res2' }).locator('button', { hasText: '重置密码' }).click();
  await page.locator('table.grid tr', { hasText: 'res2' }).locator('td', { hasText: '待改密' }).waitFor();
  await page.click('#logout');
  await page.waitForSelector('#login-form');
  await page.fill('#login-form input[name=name]', 'RES2'); // names ignore case
  await page.fill('#login-form input[name=password]', 'temp-pass-77');
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#password-forced');
  await page.goto(BASE + '/#/leads');
  await page.waitForSelector('#password-forced'); // nothing else until the change
  await shot(page, '13-password-forced');
  await page.fill('#password-form input[name=old_password]', 'temp-pass-77');
  await page.fill('#password-form input[name=new_password]', 'res2-new-pass');
  await page.fill('#password-form input[name=new_password2]', 'res2-new-pass');
  await page.click('#password-form button[type=submit]');
  await page.waitForSelector('.stats');
  await page.click('#nav a[data-nav=leads]');
  await page.waitForSelector('#lead-filters');

  const csp = errors.filter((e) => /Content Security Policy/i.test(e));
  assert.deepEqual(csp, [], 'CSP violations');
  const jsErrors = errors.filter((e) => !/Failed to load resource/.test(e));
  assert.deepEqual(jsErrors, [], 'page errors');
  console.log(`browser test: all steps passed; screenshots in ${OUT}`);
} catch (e) {
  console.error(`browser test failed at step '${step}':`, e);
  if (errors.length) console.error('page errors:', errors);
  try { await shot(browser.pages()[0], 'failure'); } catch { /* ignore */ }
  process.exitCode = 1;
} finally {
  await browser.close();
}
