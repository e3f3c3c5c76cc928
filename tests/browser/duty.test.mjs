// duty.test.mjs — the browser step of tests/cli/duty_web.sh: the resident of P3201 logs in;
// the home page shows the day's checklist (今日检察事项) with the overdue items first (the
// daily video check missed yesterday, the self-harm of 06-30), records the video check
// through its row's form, and turns a finding of the mailbox check into a lead. Full-page
// screenshots before and after. Any page error or CSP violation fails the test.
// Env: BASE (server URL), ARTIFACTS (directory for screenshots).
import { launchChromium, login, watchErrors } from './chromium.mjs';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BASE = process.env.BASE;
const OUT = process.env.ARTIFACTS || path.join(os.tmpdir(), 'zj-duty');
assert.ok(BASE, 'BASE must be set');
fs.mkdirSync(OUT, { recursive: true });
const browser = await launchChromium({ viewport: { width: 1280, height: 900 } });
const errors = [];
let step = 'start';
try {
  const page = browser.pages()[0] || await browser.newPage();
  watchErrors(page, errors, () => step);

  step = 'log in';
  await login(page, BASE, 'res1', 'respass123', '#duty-today #duty-items');
  errors.length = 0; // the login page's first /api/me answers 401 by design

  step = "the resident's day";
  const heading = await page.textContent('#duty-today h2');
  assert.match(heading, /今日检察事项（2025-07-01）/);
  assert.doesNotMatch(await page.textContent('#duty-today'), /null|undefined/);
  const first = await page.$$eval('#duty-items tbody tr', (trs) => trs.map((t) => t.dataset.item));
  assert.equal(first[0], 'video', 'overdue first: ' + first.join(','));
  assert.match(await page.textContent('#duty-items tr[data-item=video]'), /逾期 1 天/);
  assert.match(await page.textContent('#duty-items tr[data-item=solitary]'), /已完成/);
  assert.match(await page.textContent('#duty-once tr[data-item=self_harm]'), /罪犯张三用刀片划伤手臂/);
  assert.equal(await page.locator('#duty-items tr.duty-due').count() > 5, true);
  await page.screenshot({ path: path.join(OUT, 'resident-day.png'), fullPage: true });

  step = 'record the video check';
  await page.fill('#duty-items tr[data-item=video] input[name=findings]', '抽查 6 月 30 日夜间监控，未见异常');
  await page.click('#duty-items tr[data-item=video] button[type=submit]');
  await page.waitForSelector('#duty-items tr[data-item=video].duty-done');
  assert.match(await page.textContent('#duty-items tr[data-item=video]'), /未见异常/);

  step = 'a finding becomes a lead';
  await page.fill('#duty-items tr[data-item=mailbox] input[name=findings]', '来信反映三监区夜间体罚');
  await page.check('#duty-items tr[data-item=mailbox] input[name=lead]');
  await page.click('#duty-items tr[data-item=mailbox] button[type=submit]');
  await page.waitForSelector('#duty-today .notice.ok a');
  const href = await page.getAttribute('#duty-today .notice.ok a', 'href');
  assert.match(href, /^#\/leads\/\d+$/);
  await page.screenshot({ path: path.join(OUT, 'resident-day-recorded.png'), fullPage: true });
  await page.click('#duty-today .notice.ok a');
  await page.waitForSelector('#lead-summary');
  assert.match(await page.textContent('#lead-summary'), /来信反映三监区夜间体罚/);

  assert.deepEqual(errors, [], 'page errors');
  console.log('duty browser test: ok');
} catch (e) {
  console.error(`duty browser test failed at step "${step}":`, e);
  if (errors.length) console.error(errors.join('\n'));
  process.exitCode = 1;
} finally {
  await browser.close();
}
