// chromium.mjs — the one launcher of the browser steps: Debian's chromium ($CHROMIUM or
// /usr/bin/chromium, never a downloaded browser) driven by playwright-core, headless, in a
// fresh profile that close() removes, with the Chinese locale. options go to
// launchPersistentContext (viewport, acceptDownloads); extraArgs are added to chromium's.
// login() is the one way the browser steps sign in.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export async function launchChromium(options = {}, extraArgs = []) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'zj-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', ...extraArgs, '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    locale: 'zh-CN',
    ...options,
  });
  const close = browser.close.bind(browser);
  browser.close = async () => {
    try {
      await close();
    } finally {
      fs.rmSync(profile, { recursive: true, force: true });
    }
  };
  return browser;
}

// Sign in at base's login page as name and wait until the account's page is there: the
// selector ready, or (null) the address leaving the login page. Should the form be drawn
// again between the fill and the click (its fields then empty), the server refuses the
// empty sign-in and the page shows #login-error: fill the form again, up to three times.
export async function login(page, base, name, password, ready) {
  await page.goto(base + '/#/login');
  for (let attempt = 1; ; attempt++) {
    // The fields are filled and the form submitted in one task of the page: the router may
    // draw the form anew between two of playwright's steps, and a form drawn after a fill
    // has empty required fields, whose submit the browser blocks without a word.
    await page.waitForSelector('#login-form button[type=submit]');
    await page.evaluate(([n, p]) => {
      const f = document.getElementById('login-form');
      f.querySelector('input[name=name]').value = n;
      f.querySelector('input[name=password]').value = p;
      const e = document.getElementById('login-error');
      if (e) e.textContent = '';
      f.requestSubmit(f.querySelector('button[type=submit]'));
    }, [name, password]);
    const signedIn = (ready ? page.waitForSelector(ready) : page.waitForURL((u) => !u.hash.includes('login')))
      .then(() => 'in', (e) => e);
    const refused = page.waitForSelector('#login-error:not(:empty)').then(() => 'refused', (e) => e);
    const outcome = await Promise.race([signedIn, refused]);
    if (outcome === 'in') return;
    if (outcome !== 'refused') throw outcome;
    if (attempt === 3)
      throw new Error(`login as ${name}: ${await page.textContent('#login-error')}`);
  }
}

// Collect the page's errors and its console's into errors, each with where() (the step).
export function watchErrors(page, errors, where) {
  page.on('pageerror', (e) => errors.push(`${where()}: ${e}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${where()} (${page.url()}): ${m.text()}`); });
}
