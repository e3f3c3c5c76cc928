// report.test.mjs — the browser step of tests/cli/report_web.sh: Debian's chromium
// driven by playwright-core. Logs in as the province leader, opens the work report page
// (report.html: the server's self-contained report inserted into the page), checks the
// six inline SVG charts, the traced figures and the Chinese phrasing, takes a full-page
// screenshot, then screenshots the inspection and resident-office pages and proposes a
// team there. Any page error or CSP violation fails the test.
// Env: BASE (server URL), ARTIFACTS (directory for screenshots).
import { launchChromium, login, watchErrors } from './chromium.mjs';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BASE = process.env.BASE;
const OUT = process.env.ARTIFACTS || path.join(os.tmpdir(), 'zj-report');
assert.ok(BASE, 'BASE must be set');
fs.mkdirSync(OUT, { recursive: true });
const browser = await launchChromium({ viewport: { width: 1280, height: 900 } });
const errors = [];
let step = 'start';
try {
  const page = browser.pages()[0] || await browser.newPage();
  watchErrors(page, errors, () => step);

  step = 'log in';
  await login(page, BASE, 'lead', 'leadpass12', '.stats');
  errors.length = 0; // the login page's first /api/me answers 401 by design

  step = 'report page';
  await page.goto(BASE + '/report.html?from=2025-01-01&to=2025-06-30');
  await page.locator('#report svg.rpt-chart').first().waitFor();
  assert.equal(await page.locator('#report svg.rpt-chart').count(), 8);
  assert.match(await page.textContent('#report h1'), /刑事执行检察工作报告/);
  const fig = await page.locator('#report .fig[data-indicator=notices_total]').first().textContent();
  assert.ok(Number(fig) > 0, 'notices_total figure');
  assert.match(await page.textContent('#report'), /同比(上升|下降|持平|新增)/);
  // the bars keep their hatching pattern (the site's CSS must not restyle the charts)
  const fill = await page.locator('#c-notices rect[fill^="url(#c-notices-hatch)"]').count();
  assert.ok(fill >= 6, 'hatched bars');
  await page.screenshot({ path: path.join(OUT, 'report.png'), fullPage: true });

  step = 'report against a base year';
  await page.goto(BASE + '/report.html?from=2025-01-01&to=2025-06-30&base_year=2021');
  await page.locator('#report svg.rpt-chart').first().waitFor();
  assert.equal(await page.inputValue('#report-form input[name=base_year]'), '2021');
  assert.match(await page.textContent('#report'), /比2021年同期分别/);
  assert.doesNotMatch(await page.textContent('#report'), /同比/);

  step = 'printable report';
  await page.goto(BASE + '/api/report?from=2025-01-01&to=2025-06-30&format=html');
  await page.locator('svg.rpt-chart').first().waitFor();
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: path.join(OUT, 'report-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  step = 'inspections page';
  await page.goto(BASE + '/inspections.html');
  await page.waitForSelector('#plan-form');
  await page.fill('#plan-form input[name=from]', '2025-10-01');
  await page.fill('#plan-form input[name=to]', '2025-10-15');
  await page.check('#plan-form input[value=changes]');
  await page.click('#propose');
  await page.locator('#team table.grid').waitFor();
  await page.screenshot({ path: path.join(OUT, 'inspections.png'), fullPage: true });

  step = 'office page';
  await page.goto(BASE + '/office.html');
  await page.waitForSelector('#complaint-form');
  await page.locator('text=检察官信箱来信').first().waitFor();
  await page.screenshot({ path: path.join(OUT, 'office.png'), fullPage: true });

  assert.deepEqual(errors, [], 'page errors: ' + errors.join('\n'));
} catch (e) {
  console.error(`report.test.mjs failed at step '${step}':`, e);
  if (errors.length) console.error('page errors:', errors);
  try { await browser.pages()[0].screenshot({ path: path.join(OUT, 'failure.png'), fullPage: true }); } catch (_) { /* none */ }
  await browser.close();
  process.exit(1);
}
await browser.close();
