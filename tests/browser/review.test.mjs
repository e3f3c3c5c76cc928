// review.test.mjs — the browser step of tests/cli/web_review.sh: Debian's chromium driven
// by playwright-core. Logs in as the clerk (数据管理员), uploads a parole ruling and a
// judgment with three defendants through the file input, opens the ruling (its person is
// matched by id number and chosen already), checks the text beside the fields with their
// source sentences, confirms; opens the judgment, gives each defendant's effective date,
// corrects a term, confirms; uploads a commutation of a person not in the database, gives
// the offense and effective dates of the original judgment it describes, confirms (the
// judgment and the change written). Any page error or CSP violation fails the test.
// Env: BASE (server URL), ARTIFACTS (screenshots), FIX (tests/fixtures/docs).
import { launchChromium, login, watchErrors } from './chromium.mjs';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BASE = process.env.BASE;
const FIX = process.env.FIX;
const OUT = process.env.ARTIFACTS || path.join(os.tmpdir(), 'zj-review');
assert.ok(BASE && FIX, 'BASE and FIX must be set');
fs.mkdirSync(OUT, { recursive: true });
const browser = await launchChromium({ viewport: { width: 1400, height: 1000 } });
const errors = [];
let step = 'start';
try {
  const page = browser.pages()[0] || await browser.newPage();
  watchErrors(page, errors, () => step);

  step = 'log in';
  await login(page, BASE, 'clerk', 'clerkpass1', null);
  await page.waitForTimeout(300);
  errors.length = 0; // the login page's first /api/me answers 401 by design

  step = 'upload';
  await page.goto(BASE + '/review.html');
  await page.waitForSelector('#files');
  await page.setInputFiles('#files', [path.join(FIX, '13_parole_dalian.docx'), path.join(FIX, '03_judgment_drugs_three.pdf')]);
  await page.click('#upload');
  await page.locator('#upload-result li', { hasText: '已加入待审核' }).nth(1).waitFor();
  assert.equal(await page.locator('#upload-result li.error').count(), 0);
  await page.locator('#doc-list button.open').nth(1).waitFor();
  assert.equal(await page.locator('#doc-list button.open').count(), 2); // the pending ones

  step = 'the parole ruling';
  await page.click('#doc-list button.open >> nth=1'); // newest first: the judgment, then the ruling
  await page.waitForSelector('#doc-text');
  assert.match(await page.textContent('#doc-text'), /对罪犯赵永强予以假释/);
  const row = page.locator('tr[data-path="persons[0].change.proposal_date"]');
  assert.equal(await row.locator('input').inputValue(), '2021-05-08');
  assert.match(await row.locator('td.src').textContent(), /提出假释建议书/);
  assert.ok(await page.isChecked('input[name="person-0"][value="DOC1-0"]'), 'the person matched by id number is chosen');
  await page.screenshot({ path: path.join(OUT, 'review-parole.png'), fullPage: true });
  await page.click('#confirm');
  await page.waitForSelector('#confirmed');
  assert.match(await page.textContent('#confirmed'), /刑罚变更 DOC3-C0/);

  step = 'the judgment of three';
  await page.click('#doc-list button.open >> nth=0');
  await page.waitForSelector('.person >> nth=2');
  assert.equal(await page.locator('.person').count(), 3);
  assert.equal(await page.inputValue('input[name="persons[1].name"]'), '孙丽');
  assert.equal(await page.inputValue('input[name="persons[0].original.penalty"]'), 'life');
  // without the effective dates the server refuses, naming the field
  await page.click('#confirm');
  await page.waitForSelector('#confirm-error');
  assert.match(await page.textContent('#confirm-error'), /effective_date/);
  assert.deepEqual(errors.filter((e) => !e.includes('status of 400')), []);
  errors.length = 0; // the refusal's 400 is logged by the browser
  for (let i = 0; i < 3; i++) await page.fill(`input[name="persons[${i}].original.effective_date"]`, '2019-09-02');
  await page.fill('input[name="persons[2].original.term_months"]', '6');
  await page.screenshot({ path: path.join(OUT, 'review-judgment.png'), fullPage: true });
  await page.click('#confirm');
  await page.waitForSelector('#confirmed');
  assert.match(await page.textContent('#confirmed'), /判决 DOC4-J2/);
  assert.deepEqual(errors, []);

  step = 'a commutation of a person not in the database';
  await page.setInputFiles('#files', [path.join(FIX, '19_commutation_hangzhou.docx')]);
  await page.click('#upload');
  await page.locator('#upload-result li', { hasText: '已加入待审核' }).first().waitFor();
  await page.locator('#doc-list button.open').first().waitFor();
  await page.click('#doc-list button.open >> nth=0');
  await page.waitForSelector('tr[data-path="persons[0].change.reduction_months"]');
  const red = page.locator('tr[data-path="persons[0].change.reduction_months"]');
  assert.equal(await red.locator('input').inputValue(), '7');
  assert.match(await red.locator('td.src').textContent(), /减去有期徒刑七个月的刑罚执行/);
  assert.ok(await page.isChecked('input[name="person-0"][value="new"]'), 'no candidate: a new person');
  await page.click('#confirm');
  await page.waitForSelector('#confirm-error');
  assert.match(await page.textContent('#confirm-error'), /original\.offense_date/);
  errors.length = 0;
  await page.fill('input[name="persons[0].original.offense_date"]', '2015-04-08');
  await page.fill('input[name="persons[0].original.effective_date"]', '2015-10-10');
  await page.click('#confirm');
  await page.waitForSelector('#confirmed');
  assert.match(await page.textContent('#confirmed'), /判决 DOC\d+-J0/);
  assert.match(await page.textContent('#confirmed'), /刑罚变更 DOC\d+-C0/);
  assert.deepEqual(errors, []);
  console.log('review browser test: ok');
} catch (e) {
  console.error(`step '${step}' failed:`, e);
  console.error(errors.join('\n'));
  try { await browser.pages()[0].screenshot({ path: path.join(OUT, 'failure.png'), fullPage: true }); } catch { /* ignore */ }
  process.exitCode = 1;
} finally {
  await browser.close();
}
