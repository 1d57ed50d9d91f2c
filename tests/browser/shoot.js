// shoot.js — screenshots for people to look at (not a test).
//
//   node tests/browser/shoot.js BASE OUTDIR [journey...]
//     walks the journeys of journeys.js (all, or those named) in English
//     and Hindi, and those marked js: 'both' again without JavaScript, and
//     saves every page state at 360 px and 1280 px as
//     OUTDIR/<journey>/<nn>-<step>-<lang>-<width>.png; prints what the
//     harness found (axe, sideways scroll, small text, weight) and writes
//     OUTDIR/weights.tsv.  Needs GS_TEST_VAR (the stack's directory: the
//     fixtures read its database and its OTPs) and GS_TEST_CTL.
//
//   node tests/browser/shoot.js BASE OUTDIR user|- /path...
//     logs in as user (password demo-pass-2026; - for nobody) and saves
//     each path as OUTDIR/<name>-phone.png / -desktop.png.
'use strict';
const [base, out, ...rest] = process.argv.slice(2);
if (!base || !out) {
  console.error('usage: shoot.js BASE OUTDIR [journey...] | shoot.js BASE OUTDIR user|- /path...');
  process.exit(2);
}
process.env.GS_TEST_BASE = base;
process.env.GS_SHOTS = out;
const path = require('path');
const fs = require('fs');
const { chromium } = require('playwright-core');

async function paths(browser, user, list) {
  const { logIn } = require('./harness');
  const page = await (await browser.newContext()).newPage();
  if (user && user !== '-') await logIn(page, user);
  for (const p of list) {
    const name = p.replace(/[^a-zA-Z0-9]+/g, '_').replace(/^_|_$/g, '') || 'home';
    for (const [w, tag] of [[360, 'phone'], [1280, 'desktop']]) {
      await page.setViewportSize({ width: w, height: 800 });
      await page.goto(base + p);
      await page.screenshot({ path: path.join(out, `${name}-${tag}.png`), fullPage: true });
    }
  }
}

async function journeys(browser, names) {
  const { LANGS, walk, recordWeights } = require('./harness');
  const { journeys: all } = require('./journeys');
  let bad = 0;
  for (const j of all.filter((x) => !names.length || names.includes(x.name))) {
    const runs = LANGS.map((lang) => ({ lang }));
    if (j.js === 'both') runs.push({ lang: 'en', js: false });
    for (const o of runs) {
      const r = await walk(browser, j, { ...o, shots: out });
      recordWeights(out, r.weights);
      console.log(`${j.name} (${o.lang}${o.js === false ? ', no JavaScript' : ''}): ${r.pages} pages, ${r.problems.length} problems`);
      for (const p of r.problems) console.log('  ' + p);
      bad += r.problems.length;
    }
  }
  return bad;
}

(async () => {
  fs.mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'] });
  let bad = 0;
  try {
    if (rest.some((a) => a.startsWith('/'))) await paths(browser, rest[0], rest.slice(1));
    else bad = await journeys(browser, rest);
  } finally {
    await browser.close();
  }
  console.log(`screenshots in ${out}`);
  process.exit(bad ? 1 : 0);
})();
