// test_attendance.js — the VLE's check-in page at 360 px with the browser's
// geolocation granted (and without JavaScript: the "no GPS" way), and the
// attendance map: server-drawn SVG without JavaScript, Leaflet with
// clustering over our own GeoJSON with it.  Screenshots go to
// $GS_TEST_VAR/screens.
'use strict';
const { BASE, SHOTS, test, run, assert, login, fitsWidth, path } = require('./lib');

// The VLE's gram panchayat reference point, as the field app reads it.
async function reference(username) {
  const r = await fetch(BASE + '/api/v1/auth/login', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo-pass-2026' }),
  });
  const token = (await r.json()).token;
  const me = await (await fetch(BASE + '/api/v1/attendance/me', { headers: { authorization: 'Bearer ' + token } })).json();
  assert(me.gp && me.gp.reference, 'the demo panchayat has an approved point: ' + JSON.stringify(me));
  return me.gp.reference;
}

test('VLE checks in with GPS at 360 px', async (ctx) => {
  const ref = await reference('csc1');
  const geo = await ctx.browser().newContext({
    viewport: { width: 360, height: 740 }, permissions: ['geolocation'],
    geolocation: { latitude: ref.lat + 0.0002, longitude: ref.lon, accuracy: 9 },
  });
  try {
    const page = await geo.newPage();
    await login(page, 'csc1');
    await page.goto(BASE + '/attendance/checkin');
    assert(await page.isVisible('#purpose'), 'purpose stated');
    assert(await page.isVisible('#checkin-gps'), 'the GPS button shows where JavaScript is on');
    assert(await fitsWidth(page), 'no sideways scroll at 360 px');
    await page.screenshot({ path: path.join(SHOTS, 'attendance-checkin-phone.png'), fullPage: true });
    await Promise.all([page.waitForNavigation(), page.click('#checkin-gps')]);
    const result = await page.textContent('#result');
    assert(result.includes('You are checked in'), 'accepted: ' + result);
    assert(result.includes('Distance from the panchayat office: 22 m'), 'distance shown: ' + result);
    assert(await fitsWidth(page), 'result fits 360 px');
    await page.screenshot({ path: path.join(SHOTS, 'attendance-checked-in-phone.png'), fullPage: true });
  } finally {
    await geo.close();
  }
});

test('check-in page without JavaScript explains GPS and offers the reviewed way', async (ctx) => {
  const noJs = await ctx.browser().newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
  try {
    const page = await noJs.newPage();
    await login(page, 'csc2');
    await page.goto(BASE + '/attendance/checkin');
    assert((await page.innerText('main')).includes('Your location needs JavaScript'), 'explains why');
    assert(!(await page.isVisible('#checkin-gps')), 'no GPS button without JavaScript');
    await page.click('summary');
    await Promise.all([page.waitForNavigation(), page.click('#checkin-nogps')]);
    const result = await page.textContent('#result');
    assert(result.includes('waits for your block in-charge'), 'kept for review: ' + result);
    assert(await fitsWidth(page), 'fits 360 px');
  } finally {
    await noJs.close();
  }
});

test('attendance map: SVG without JavaScript', async (ctx) => {
  const noJs = await ctx.browser().newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
  try {
    const page = await noJs.newPage();
    await login(page, 'bi');
    await page.goto(BASE + '/attendance/map');
    assert(await page.isVisible('#svg-map svg'), 'SVG map drawn by the server');
    const dots = await page.$$eval('#svg-map svg circle', (c) => c.length);
    assert(dots > 10, 'panchayat dots and legend: ' + dots);
    assert(await page.isHidden('#live-map'), 'no empty Leaflet box');
    assert(await fitsWidth(page), 'fits 360 px');
    await page.screenshot({ path: path.join(SHOTS, 'attendance-map-nojs.png'), fullPage: true });
  } finally {
    await noJs.close();
  }
});

test('attendance map: Leaflet with clustering where JavaScript is on', async (ctx) => {
  const page = await ctx.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  const outside = [];
  page.on('request', (req) => { if (!req.url().startsWith(BASE)) outside.push(req.url()); });
  await login(page, 'dm');
  await page.goto(BASE + '/attendance/map');
  await page.waitForSelector('#live-map .leaflet-overlay-pane path', { timeout: 15000 });
  assert(await page.isHidden('#svg-map'), 'the SVG gives way to the live map');
  const clusters = await page.$$eval('#live-map .marker-cluster, #live-map path.leaflet-interactive', (m) => m.length);
  assert(clusters > 0, 'markers or clusters drawn');
  assert(outside.length === 0, 'nothing fetched from outside: ' + outside.slice(0, 3).join(' '));
  await page.screenshot({ path: path.join(SHOTS, 'attendance-map-leaflet.png'), fullPage: true });
});

run();
