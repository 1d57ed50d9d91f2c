// shoot.js — screenshots for people to look at (not a test):
//   node tests/browser/shoot.js BASE OUTDIR [user] path...
// Logs in as user (password demo-pass-2026) when given, then saves each
// path at 360 px and 1280 px as OUTDIR/<name>-phone.png / -desktop.png
// (long pages also as OUTDIR/<name>-phone-1.png, -2.png, ... slices).
'use strict';
const { chromium } = require('playwright-core');
const path = require('path');
(async () => {
  const [base, out, user, ...paths] = process.argv.slice(2);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'] });
  const page = await (await browser.newContext()).newPage();
  if (user && user !== '-') {
    await page.goto(base + '/login');
    await page.fill('#f-username', user);
    await page.fill('#f-password', 'demo-pass-2026');
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  }
  for (const p of paths) {
    const name = p.replace(/[^a-zA-Z0-9]+/g, '_').replace(/^_|_$/g, '') || 'home';
    for (const [w, tag] of [[360, 'phone'], [1280, 'desktop']]) {
      await page.setViewportSize({ width: w, height: 800 });
      await page.goto(base + p);
      await page.screenshot({ path: path.join(out, `${name}-${tag}.png`), fullPage: true });
      // long pages also as screen-sized slices, easier to read one at a time
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      for (let y = 0, k = 1; height > 1600 && y < height; y += 1200, k++)
        await page.screenshot({ path: path.join(out, `${name}-${tag}-${k}.png`), fullPage: true,
          clip: { x: 0, y, width: w, height: Math.min(1200, height - y) } });
    }
  }
  await browser.close();
})();
