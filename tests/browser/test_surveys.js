// test_surveys.js — the amenities map: server-drawn SVG without JavaScript
// at 360 px, Leaflet over our own GeoJSON (no tiles, nothing fetched from
// outside) on a desktop.  Screenshots go to $GS_TEST_VAR/screens.
'use strict';
const { BASE, SHOTS, test, run, assert, login, fitsWidth, path } = require('./lib');

// Three amenities of Jamune added by its VLE through the API (the field app's way).
async function amenities() {
  const r = await fetch(BASE + '/api/v1/auth/login', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'csc1', password: 'demo-pass-2026' }),
  });
  const token = (await r.json()).token;
  const auth = { authorization: 'Bearer ' + token, 'content-type': 'application/json' };
  const found = await (await fetch(BASE + '/api/v1/locations?type=panchayat&q=Jamune')).json();
  const loc = found.items.find((l) => l.name_en === 'Jamune').id;
  const kinds = ['school', 'handpump', 'anganwadi'];
  for (let i = 0; i < kinds.length; i++) {
    const a = await fetch(BASE + '/api/v1/amenities', {
      method: 'POST', headers: auth,
      body: JSON.stringify({ type: kinds[i], location: loc, name: 'Browser ' + kinds[i],
                             point: { lat: 24.03 + i / 200, lon: 84.07 + i / 300, accuracy_m: 5, source: 'gps' } }),
    });
    assert(a.status === 201, 'amenity added: ' + a.status);
  }
  return loc;
}

test('amenities map: SVG without JavaScript at 360 px', async (ctx) => {
  const gp = await amenities();
  const noJs = await ctx.browser().newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
  try {
    const page = await noJs.newPage();
    await login(page, 'bi');
    await page.goto(BASE + '/amenities?location=' + gp);
    assert(await page.isVisible('#svg-map svg'), 'SVG map drawn by the server');
    const rows = await page.$$eval('#amenities tbody tr', (r) => r.length);
    const dots = await page.$$eval('#svg-map svg a circle', (c) => c.length);
    assert(rows >= 3 && dots === rows, 'a dot per amenity: ' + dots + ' dots, ' + rows + ' rows');
    assert(await page.isHidden('#live-map'), 'no empty Leaflet box');
    assert(await fitsWidth(page), 'fits 360 px');
    await page.screenshot({ path: path.join(SHOTS, 'amenities-map-nojs.png'), fullPage: true });
  } finally {
    await noJs.close();
  }
});

test('amenities map: Leaflet over our GeoJSON on a desktop', async (ctx) => {
  const page = await ctx.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  const outside = [];
  page.on('request', (req) => { if (!req.url().startsWith(BASE)) outside.push(req.url()); });
  await login(page, 'bi');
  await page.goto(BASE + '/amenities');
  await page.waitForSelector('#live-map path.leaflet-interactive', { timeout: 15000 });
  assert(await page.isHidden('#svg-map'), 'the SVG gives way to the live map');
  const markers = await page.$$eval('#live-map path.leaflet-interactive', (m) => m.length);
  const rows = await page.$$eval('#amenities tbody tr', (r) => r.length);
  assert(markers === rows, 'a marker per amenity: ' + markers + ' of ' + rows);
  assert(outside.length === 0, 'nothing fetched from outside: ' + outside.slice(0, 3).join(' '));
  await page.screenshot({ path: path.join(SHOTS, 'amenities-map-leaflet.png'), fullPage: true });
});

run();
