// chromium.mjs — the one launcher of the browser steps: Debian's chromium ($CHROMIUM or
// /usr/bin/chromium, never a downloaded browser) driven by playwright-core, headless, in a
// fresh profile that close() removes, with the Chinese locale. options go to
// launchPersistentContext (viewport, acceptDownloads); extraArgs are added to chromium's.
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
