// test_smoke.js — the key pages render, switch language, log in, and fit a
// 360-px phone; screenshots go to $GS_TEST_VAR/screens for people to look at.
'use strict';
const { BASE, SHOTS, test, run, assert, login, fitsWidth, path } = require('./lib');

test('home page at 360 px and desktop', async (ctx) => {
  const page = await ctx.newPage();
  for (const [w, h, tag] of [[360, 740, 'phone'], [1280, 800, 'desktop']]) {
    await page.setViewportSize({ width: w, height: h });
    await page.goto(BASE + '/');
    assert(await page.isVisible('h1'), 'heading visible');
    assert(await fitsWidth(page), 'no sideways scroll at ' + w);
    await page.screenshot({ path: path.join(SHOTS, `home-${tag}.png`), fullPage: true });
  }
});

test('language switch shows Hindi', async (ctx) => {
  const page = await ctx.newPage();
  await page.goto(BASE + '/');
  await Promise.all([page.waitForNavigation(), page.click('a.lang')]);
  const h1 = await page.textContent('h1');
  assert(h1.includes('सरकारी सेवाएँ'), 'Hindi heading: ' + h1);
  assert((await page.getAttribute('html', 'lang')) === 'hi', 'lang attribute');
  await page.setViewportSize({ width: 360, height: 740 });
  await page.screenshot({ path: path.join(SHOTS, 'home-hindi-phone.png'), fullPage: true });
});

test('staff log-in through the form lands on the role home', async (ctx) => {
  const page = await ctx.newPage();
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(BASE + '/staff/login');
  await page.screenshot({ path: path.join(SHOTS, 'login-phone.png'), fullPage: true });
  await login(page, 'stateadmin');
  assert(page.url().endsWith('/admin'), 'landed on ' + page.url());
  assert(await page.isVisible('text=Staff and roles'), 'admin cards');
});

test('wrong password shows one message, no field leak', async (ctx) => {
  const page = await ctx.newPage();
  await login(page, 'co', 'not-the-password');
  assert(await page.isVisible('text=The username or password is not right'), 'message shown');
  assert((await page.inputValue('#f-password')) === '', 'password not echoed');
});

test('cascading picker without JavaScript, then with it', async (ctx) => {
  const page = await ctx.newPage();
  await login(page, 'karmachari');
  await page.goto(BASE + '/profile');
  await page.selectOption('select[name=addr_district]', { label: 'Palamu' });
  // with JavaScript the block list fills in place
  await page.locator('select[name=addr_block] option').nth(5).waitFor({ state: 'attached' });
  const n = await page.$$eval('select[name=addr_block] option', (o) => o.length);
  assert(n === 22, 'Palamu blocks + placeholder: ' + n);
  await page.screenshot({ path: path.join(SHOTS, 'profile-picker.png'), fullPage: true });
  const noJs = await ctx.browser().newContext({ javaScriptEnabled: false });
  const p2 = await noJs.newPage();
  await login(p2, 'karmachari');
  await p2.goto(BASE + '/profile');
  await p2.selectOption('select[name=addr_district]', { label: 'Palamu' });
  await Promise.all([p2.waitForNavigation(), p2.click('button.picker-refresh')]);
  const n2 = await p2.$$eval('select[name=addr_block] option', (o) => o.length);
  assert(n2 === 22, 'server round trip filled blocks: ' + n2);
  await noJs.close();
});

run();
