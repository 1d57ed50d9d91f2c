// lib.js — shared set-up for browser tests: Debian's Chromium through
// playwright-core, one line per test ("ok - name" / "not ok - name: why").
'use strict';
const { chromium } = require('playwright-core');
const path = require('path');
const fs = require('fs');

const BASE = process.env.GS_TEST_BASE || 'http://127.0.0.1:8080';
// screenshots and weights.tsv: $GS_SHOTS, else the test stack's directory
const SHOTS = process.env.GS_SHOTS || path.join(process.env.GS_TEST_VAR || '/tmp', 'screens');
fs.mkdirSync(SHOTS, { recursive: true });

async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-quic',
           '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}

const tests = [];
function test(name, fn) { tests.push({ name, fn }); }

async function run() {
  const browser = await launch();
  let failed = 0;
  for (const t of tests) {
    const ctx = await browser.newContext();
    try {
      await t.fn(ctx);
      console.log('ok - ' + t.name);
    } catch (e) {
      failed++;
      console.log('not ok - ' + t.name + ': ' + String(e.message || e).split('\n')[0]);
      console.log(String(e.stack || '').split('\n').slice(0, 4).join('\n'));
    } finally {
      await ctx.close();
    }
  }
  await browser.close();
  process.exit(failed ? 1 : 0);
}

function assert(cond, msg) { if (!cond) throw new Error(msg || 'assertion failed'); }

// Logs in through the real form.
async function login(page, username, password = 'demo-pass-2026') {
  await page.goto(BASE + '/staff/login');
  await page.fill('#f-username', username);
  await page.fill('#f-password', password);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
}

// The page fits a narrow phone screen without sideways scrolling.
async function fitsWidth(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
}

module.exports = { BASE, SHOTS, test, run, assert, login, fitsWidth, path };
