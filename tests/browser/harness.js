// harness.js — walks the journeys of journeys.js in Chromium and measures
// every page state on the way, the way issue 12 asks:
//   - at 360 px and 1280 px, in English and in Hindi;
//   - axe-core (npm axe-core, injected with page.addScriptTag): no critical
//     and no serious violation;
//   - no sideways page scroll at 360 px;
//   - no text smaller than 12 px (SVG text measured as drawn);
//   - page weight (HTML as sent and unpacked, and what the page loaded);
//   - the journeys marked js: 'both' once more with JavaScript off (the
//     same checks but axe, which needs JavaScript).
// Used by test_journeys.js (one test per journey and language) and by
// shoot.js (the same walk, saving a screenshot of every state).
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { BASE, assert } = require('./lib');

const WIDTHS = [360, 1280];
const LANGS = ['en', 'hi'];
const MIN_TEXT_PX = 12;
// The HTML of one page, unpacked.  The designer's single page was 68-77 KB
// before issue 12; one thing per page keeps every page well under this.
const HTML_BUDGET = 48 * 1024;

let AXE;
try {
  AXE = require.resolve('axe-core/axe.min.js');
} catch (e) {
  AXE = null;	// reported by the first measurement, not a crash at load
}
// axe is served from the site's own origin (a route of the browser
// context), so the pages' Content-Security-Policy (script-src 'self') stays
// on while it is measured.
const AXE_URL = BASE + '/__harness/axe.min.js';

// The records the journeys act on (fixtures.py), made once per process.
let fixtures = null;
function fx() {
  if (!fixtures) {
    const out = execFileSync('python3', [path.join(__dirname, 'fixtures.py')], { encoding: 'utf8' });
    fixtures = JSON.parse(out.trim().split('\n').pop());
  }
  return fixtures;
}

function notificationsLog() {
  try {
    return fs.readFileSync(path.join(process.env.GS_TEST_VAR || 'var', 'log', 'notifications.log'), 'utf8');
  } catch (e) {
    return '';
  }
}

// The log-in OTP the product sent to mobile after `send` ran (the
// development SMS driver writes it to notifications.log).
async function otpAfter(mobile, send) {
  const re = new RegExp(`to=${mobile} .*? (\\d{6}) is your GramSewa log-in OTP`, 'g');
  const before = (notificationsLog().match(re) || []).length;
  await send();
  for (let i = 0; i < 100; i++) {
    const all = [...notificationsLog().matchAll(re)];
    if (all.length > before) return all[all.length - 1][1];
    await new Promise((r) => setTimeout(r, 50));	// polls a file another process writes
  }
  throw new Error('no OTP for ' + mobile + ' in notifications.log');
}

// A mobile number nobody has used: each OTP log-in journey gets its own
// (the product allows 3 OTPs per mobile in 15 minutes).
function freshMobile() {
  return '7' + String(Date.now() % 1e6).padStart(6, '0') + String(Math.floor(Math.random() * 1e3)).padStart(3, '0');
}

// Submits a form by clicking selector and waits for the page it leads to.
async function press(page, selector) {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

// Logs page in as who: a staff or CSC username (password log-in), or
// {otp: mobile} for a citizen (mobile number and OTP).
async function logIn(page, who) {
  if (typeof who === 'string') {
    await page.goto(BASE + '/staff/login');
    await page.fill('#f-username', who);
    await page.fill('#f-password', 'demo-pass-2026');
    await press(page, 'form[action="/staff/login"] button[type=submit]');
    return;
  }
  await page.goto(BASE + '/login/otp');
  await page.fill('#f-mobile', who.otp);
  const code = await otpAfter(who.otp, () => press(page, 'form[action="/login/otp"] button'));
  await page.fill('#f-otp', code);
  await press(page, 'form[action="/login/otp/verify"] button');
}

// Sessions are made once per browser and user and copied into each new
// context (a log-in costs an Argon2id hash, a citizen's an OTP).
const sessions = new Map();
async function storageFor(browser, who) {
  const key = JSON.stringify(who);
  if (!sessions.has(key)) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await logIn(page, who);
    sessions.set(key, await ctx.storageState());
    await ctx.close();
  }
  return sessions.get(key);
}

// A browser context for one walk: language cookie, JavaScript on or off,
// logged in as who (null: a visitor), axe served from the site's origin.
async function contextFor(browser, { who, lang, js }) {
  const opts = { javaScriptEnabled: js !== false };
  if (who) opts.storageState = await storageFor(browser, who === 'citizen' ? { otp: fx().citizen } : who);
  const ctx = await browser.newContext(opts);
  const host = new URL(BASE).hostname;
  await ctx.addCookies([{ name: 'lang', value: lang, domain: host, path: '/' }]);
  if (AXE) await ctx.route(AXE_URL, (route) => route.fulfill({ path: AXE, contentType: 'text/javascript' }));
  return ctx;
}

// axe-core's critical and serious findings on the page as it is now.
async function axeFindings(page) {
  assert(AXE, 'axe-core is not installed: run npm ci in tests/browser');
  if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ url: AXE_URL });
  const res = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return res.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `axe ${v.impact} ${v.id} ×${v.nodes.length} (${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join('; ')})`);
}

// What overflows a narrow screen sideways, or null when nothing does.
async function sideways(page) {
  return page.evaluate(() => {
    const vw = window.innerWidth;
    if (document.documentElement.scrollWidth <= vw + 1) return null;
    const wide = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right > vw + 1 && r.width > 0 && !el.closest('[data-scroll-region]') && wide.length < 3)
        wide.push(el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '') +
                  ` (${Math.round(r.right)} px)`);
    }
    return `page scrolls sideways: ${document.documentElement.scrollWidth} px wide; ${wide.join(', ')}`;
  });
}

// The smallest text drawn on the page, in CSS pixels as seen on screen
// (an SVG's text is scaled with its picture).
async function smallestText(page) {
  return page.evaluate(() => {
    let min = Infinity;
    let what = '';
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent.trim()) continue;
      const box = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      if (!box.width || !box.height || cs.visibility === 'hidden' || box.right < 0) continue;
      let px = parseFloat(cs.fontSize);
      if (el instanceof SVGElement && el.getScreenCTM()) {
        const m = el.getScreenCTM();
        px *= Math.hypot(m.a, m.b);
      }
      if (px < min) {
        min = px;
        what = `${el.tagName.toLowerCase()} "${n.textContent.trim().slice(0, 30)}"`;
      }
    }
    return { px: min, what };
  });
}

// The page's weight: its HTML as sent and unpacked, and everything it loaded.
async function weight(page) {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const res = performance.getEntriesByType('resource').filter((r) => !r.name.includes('/__harness/'));
    return {
      html: nav ? nav.decodedBodySize : 0,
      wire: nav ? nav.encodedBodySize : 0,
      total: (nav ? nav.encodedBodySize : 0) + res.reduce((s, r) => s + (r.encodedBodySize || r.decodedBodySize || 0), 0),
    };
  });
}

const kb = (n) => (n / 1024).toFixed(1) + ' KB';

// Measures the page state `where` at both widths; returns its problems
// (strings) and weight.  With shots, saves <shots>/<file>-<width>.png.
async function measure(page, where, { js, shots, file }) {
  const problems = [];
  for (const w of WIDTHS) {
    await page.setViewportSize({ width: w, height: 800 });
    await page.evaluate(() => document.fonts && document.fonts.ready);
    if (w === 360) {
      const s = await sideways(page);
      if (s) problems.push(`${where} ${w} px: ${s}`);
      const t = await smallestText(page);
      if (t.px < MIN_TEXT_PX) problems.push(`${where} ${w} px: text of ${t.px.toFixed(1)} px: ${t.what}`);
    }
    if (js !== false) for (const f of await axeFindings(page)) problems.push(`${where} ${w} px: ${f}`);
    if (shots) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      await page.screenshot({ path: `${file}-${w}.png`, fullPage: true });
    }
  }
  const wt = await weight(page);
  if (wt.html > HTML_BUDGET) problems.push(`${where}: HTML of ${kb(wt.html)} (budget ${kb(HTML_BUDGET)})`);
  return { problems, weight: wt };
}

// Walks journey j in one language, with JavaScript on or off.  Returns
// {pages, problems, weights}; a step that cannot be done ends the walk with
// its error among the problems.
async function walk(browser, j, { lang, js = true, shots = null }) {
  const ctx = await contextFor(browser, { who: j.who, lang, js });
  const page = await ctx.newPage();
  const out = { pages: 0, problems: [], weights: [] };
  const tag = js ? lang : lang + '-nojs';
  const state = { js, lang };	// shared by the steps of this walk
  try {
    for (const [i, step] of j.steps.entries()) {
      const where = `${step.name} (${tag})`;
      try {
        await page.setViewportSize({ width: 360, height: 800 });
        if (step.go) {
          const target = typeof step.go === 'function' ? step.go(fx()) : step.go;
          const resp = await page.goto(BASE + target);
          const want = step.status || 200;
          assert(resp.status() === want, `GET ${target} answered ${resp.status()}, expected ${want}`);
        }
        if (step.act) await step.act(page, fx(), state);
        if (step.expect) await step.expect(page, fx(), state);
      } catch (e) {
        out.problems.push(`${where}: ${String(e.message || e).split('\n')[0]}`);
        break;
      }
      const file = shots && path.join(shots, j.name, `${String(i + 1).padStart(2, '0')}-${step.name}-${tag}`);
      const m = await measure(page, where, { js, shots, file });
      out.pages++;
      out.problems.push(...m.problems);
      out.weights.push({ journey: j.name, step: step.name, lang: tag, url: page.url().replace(BASE, ''), ...m.weight });
    }
  } finally {
    await ctx.close();
  }
  return out;
}

// Appends weights to <dir>/weights.tsv (journey, step, language, path,
// HTML unpacked, HTML as sent, all the page loaded; bytes).
function recordWeights(dir, weights) {
  fs.mkdirSync(dir, { recursive: true });
  const f = path.join(dir, 'weights.tsv');
  if (!fs.existsSync(f)) fs.writeFileSync(f, 'journey\tstep\tlang\tpath\thtml\thtml_sent\ttotal_sent\n');
  fs.appendFileSync(f, weights.map((w) => [w.journey, w.step, w.lang, w.url, w.html, w.wire, w.total].join('\t') + '\n').join(''));
}

module.exports = { WIDTHS, LANGS, walk, recordWeights, press, logIn, otpAfter, freshMobile, fx, kb };
