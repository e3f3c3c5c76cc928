// import.test.mjs — the browser step of tests/cli/web_import.sh: Debian's chromium driven
// by playwright-core. Logs in as the clerk (数据管理员), opens 数据导入, uploads a prison's
// roster (profile by its headers), checks the summary per feed and the rejected rows with
// their place and Chinese reason and the link to the rejects as .xlsx; then uploads the
// corrected roster under the same name and sees no rejects left; then uploads a long roster
// and sees the import's progress (a partial count of rows) before its summary: the server
// (ZJ_TEST_IMPORT_HOLD) holds that import at its first partial count until the test
// creates RELEASE, so no timing decides what the page shows; meanwhile the server (one
// worker thread) answers the page's other requests and queues a second import (202), which
// the queue (导入队列) shows waiting behind the running one.
// Any other page error or CSP violation fails the test. Env: BASE (server URL), ARTIFACTS
// (screenshots), BAD and GOOD (the two workbooks, same file name), LONG (12,000 rows) and
// RELEASE.
import { launchChromium, login, watchErrors } from './chromium.mjs';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const { BASE, BAD, GOOD, LONG, RELEASE } = process.env;
const OUT = process.env.ARTIFACTS || path.join(os.tmpdir(), 'zj-import');
assert.ok(BASE && BAD && GOOD && LONG && RELEASE, 'BASE, BAD, GOOD, LONG and RELEASE must be set');
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

  step = 'the page';
  await page.goto(BASE + '/import.html');
  await page.waitForSelector('#profile option[value="prison_roster"]', { state: 'attached' });
  assert.match(await page.textContent('#nav a.active'), /数据导入/);

  step = 'upload';
  await page.setInputFiles('#file', BAD);
  await page.click('#upload');
  await page.waitForSelector('#summary');
  assert.match(await page.textContent('#summary'), /监狱罪犯花名册（prison_roster）/);
  const cells = await page.locator('#summary tbody tr td').allTextContents();
  assert.deepEqual(cells, ['人员', '4', '2', '0', '0', '2']);
  await page.waitForSelector('#rejects');
  const rows = await page.locator('#rejects tbody tr').allTextContents();
  assert.equal(rows.length, 2);
  assert.match(rows[0], /第 5 行，C 列（性别）.*无法识别的性别（应为男或女）“X”/);
  assert.match(rows[1], /D 列（出生日期）.*日期不存在“20010230”/);
  assert.match(await page.getAttribute('#rejects-xlsx', 'href'), /\/api\/import\/rejects\.xlsx\?file=/);
  await page.screenshot({ path: path.join(OUT, 'import-rejects.png'), fullPage: true });

  step = 'the rejects as xlsx';
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#rejects-xlsx')]);
  const saved = path.join(OUT, 'rejects.xlsx');
  await download.saveAs(saved);
  assert.equal(fs.readFileSync(saved).subarray(0, 2).toString(), 'PK');

  step = 'corrected upload';
  await page.setInputFiles('#file', GOOD);
  await page.selectOption('#profile', 'prison_roster');
  await page.click('#upload');
  await page.waitForSelector('#no-rejects');
  const cells2 = await page.locator('#summary tbody tr td').allTextContents();
  assert.deepEqual(cells2, ['人员', '4', '2', '0', '2', '0']);
  await page.screenshot({ path: path.join(OUT, 'import-corrected.png'), fullPage: true });

  step = 'progress of a long file';
  await page.setInputFiles('#file', LONG);
  await page.selectOption('#profile', 'prison_roster');
  await page.click('#upload');
  const partial = /正在导入 prison_roster\.xlsx：人员，已处理 (\d+) 行（约 (\d+) 行中的 (\d+)%）/;
  await page.locator('#state').filter({ hasText: partial }).waitFor({ timeout: 60000 });
  const [, done, total] = (await page.textContent('#state')).match(partial);
  assert.ok(Number(done) > 0 && Number(done) < Number(total) && Number(done) < 12000, `${done} of ${total}`);
  assert.equal(await page.locator('#summary').count(), 0);
  await page.screenshot({ path: path.join(OUT, 'import-progress.png'), fullPage: true });

  step = 'other requests while the import is held';
  // the server has one worker thread (web_import.sh): the import runs on a job thread, so
  // the worker answers; a second import is queued behind the first
  const other = await page.evaluate(async () => {
    const me = await (await fetch('/api/me')).json();
    const second = await fetch('/api/import/upload?name=x.csv&profile=prison_roster', {
      method: 'POST', headers: { 'Content-Type': 'application/octet-stream', 'X-CSRF-Token': me.csrf },
      body: 'person_id,id_number,name,gender,birth_date\nX1,,某,M,1980-01-01\n',
    });
    return { me: me.name, status: second.status, body: await second.json() };
  });
  assert.equal(other.me, 'clerk');
  assert.equal(other.status, 202);
  assert.equal(other.body.state, 'queued');
  assert.equal(other.body.ahead, 1);

  step = 'the queue';
  await page.click('#jobs-refresh');
  const queued = page.locator('#jobs tbody tr', { hasText: 'x.csv' });
  await queued.filter({ hasText: '排队中' }).waitFor();
  assert.match(await queued.textContent(), /前面还有 1 个文件/);
  assert.match(await page.locator('#jobs tbody tr', { hasText: 'prison_roster.xlsx' }).first().textContent(), /正在导入/);
  await page.screenshot({ path: path.join(OUT, 'import-queue.png'), fullPage: true });
  fs.writeFileSync(RELEASE, '');
  await page.waitForSelector('#summary', { timeout: 120000 });
  const cells3 = await page.locator('#summary tbody tr td').allTextContents();
  assert.deepEqual(cells3, ['人员', '12000', '12000', '0', '0', '0']);
  // the queue after the long file: it done with its summary, then the queued one's turn
  await page.locator('#jobs tbody tr', { hasText: 'prison_roster.xlsx' }).first().filter({ hasText: '已完成' }).waitFor();
  assert.match(await page.locator('#jobs tbody tr', { hasText: 'prison_roster.xlsx' }).first().textContent(), /读取 12000，新增 12000/);
  assert.deepEqual(errors, []);
  console.log('import browser test: ok');
} catch (e) {
  console.error(`step '${step}' failed:`, e);
  console.error(errors.join('\n'));
  try { await browser.pages()[0].screenshot({ path: path.join(OUT, 'failure.png'), fullPage: true }); } catch { /* ignore */ }
  process.exitCode = 1;
} finally {
  await browser.close();
}
