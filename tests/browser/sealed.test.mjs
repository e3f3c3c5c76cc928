// sealed.test.mjs — sealed juvenile records in the browser (law.md J-03): as a resident
// procurator, the sealed person's page asks for a purpose first and shows nothing of the
// person before it; after the purpose the page opens with 已封存, and the audit log has the
// read with the purpose (checked by the shell step, tests/cli/web_browser_sealed.sh); the
// leads list marks the person 已封存 without the name, and a CSV export of leads masks the
// person. Env: BASE, ARTIFACTS.
import { launchChromium, login } from './chromium.mjs';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BASE = process.env.BASE;
const OUT = process.env.ARTIFACTS || path.join(os.tmpdir(), 'zj-browser-sealed');
assert.ok(BASE, 'BASE must be set');
fs.mkdirSync(OUT, { recursive: true });
const NAME = '闵晓封', IDN = '320102200801011235';

const browser = await launchChromium({ viewport: { width: 1366, height: 900 }, acceptDownloads: true },
  ['--disable-quic']);
browser.setDefaultTimeout(60000);
let step = 'start';
const errors = [];
const shot = (page, name) => page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });

try {
  const page = browser.pages()[0] || await browser.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });

  step = 'log in as the resident procurator';
  await login(page, BASE, 'res1', 'respass123', '.stats');

  step = 'the sealed person in the leads list';
  await page.goto(BASE + '/#/leads?status=open&severity=high');
  await page.waitForSelector('#lead-filters');
  const row = page.locator('table.grid tbody tr', { has: page.locator('a[href="#/leads/900"]') }).first();
  await row.waitFor();
  assert.match(await row.textContent(), /已封存/);
  assert.doesNotMatch(await row.textContent(), new RegExp(NAME));
  assert.doesNotMatch(await page.textContent('#main'), new RegExp(`${NAME}|${IDN}`));
  await shot(page, 's1-leads');

  step = 'the sealed person page asks for a purpose first';
  await page.goto(BASE + '/#/persons/R900');
  await page.waitForSelector('#purpose-form');
  assert.match(await page.textContent('#purpose-form'), /封存/);
  assert.doesNotMatch(await page.textContent('#main'), new RegExp(`${NAME}|${IDN}`));
  await shot(page, 's2-purpose');

  step = 'state the purpose';
  await page.selectOption('#purpose-choice', '办案需要');
  await page.click('#purpose-submit');
  await page.locator('#main h1', { hasText: NAME }).waitFor();
  assert.match(await page.textContent('.page-title'), /已封存/);
  assert.equal(await page.textContent('#person-id-number'), IDN);
  await page.locator('#person-picture svg').waitFor(); // the picture opens with the same purpose
  await shot(page, 's3-person');

  step = 'a lead naming the person opens with the session purpose';
  await page.goto(BASE + '/#/leads/900');
  await page.locator('#lead-summary', { hasText: NAME }).waitFor();

  step = 'the CSV export of leads masks the person';
  await page.goto(BASE + '/#/leads');
  await page.waitForSelector('#lead-filters');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[download="leads.csv"]')]);
  const saved = path.join(OUT, 'leads.csv');
  await download.saveAs(saved);
  const csv = fs.readFileSync(saved, 'utf8');
  assert.ok(csv.split('\n').length > 100, 'the export has the leads');
  assert.ok(!csv.includes(NAME) && !csv.includes(IDN), 'the CSV export shows the sealed person');
  const sealedRows = csv.split('\n').filter((l) => l.includes('已封存'));
  assert.ok(sealedRows.length >= 2, 'the CSV export says 已封存');
  assert.ok(sealedRows.every((l) => !l.includes('R900')), 'the person id is masked too');

  const csp = errors.filter((e) => /Content Security Policy/i.test(e));
  assert.deepEqual(csp, [], 'CSP violations');
  const jsErrors = errors.filter((e) => !/Failed to load resource/.test(e));
  assert.deepEqual(jsErrors, [], 'page errors');
  console.log(`sealed browser test: all steps passed; screenshots in ${OUT}`);
} catch (e) {
  console.error(`sealed browser test failed at step '${step}':`, e);
  if (errors.length) console.error('page errors:', errors);
  try { await shot(browser.pages()[0], 'sealed-failure'); } catch { /* ignore */ }
  process.exitCode = 1;
} finally {
  await browser.close();
}
