// test_look.js — what a person saw at 360 px on the pages built last stop,
// kept from coming back: a survey's allocation form (a fieldset grows to
// its widest word: "(Medininagar(Daltonganj))" pushed the page sideways),
// a register entry's chain hash (one 64-letter word), the facts of an
// entry laid out in rows (dl.facts had no style), the MPR month picker,
// a ticket's check box, the ticket list (a card per ticket, its links
// between lists apart), the "use my location" button (unstyled, 23 px)
// and an exam question's choices (13 px boxes with
// their words on the line below) big enough for a thumb.  The HTML and PDF
// side is tests/http/test_look.py.
'use strict';
const { BASE, SHOTS, test, run, assert, login, fitsWidth, path } = require('./lib');

async function api(user) {
  const r = await fetch(BASE + '/api/v1/auth/login', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user, password: 'demo-pass-2026' }),
  });
  const token = (await r.json()).token;
  return async (method, p, body) => {
    const res = await fetch(BASE + '/api/v1' + p, {
      method, headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, json: await res.json().catch(() => null) };
  };
}

async function jamune() {
  const found = await (await fetch(BASE + '/api/v1/locations?type=panchayat&q=Jamune')).json();
  return found.items.find((l) => l.name_en === 'Jamune').id;
}

const RUN = String(Date.now() % 1e7);
const ist = (ms) => new Date(ms + 5.5 * 3600e3).toISOString().slice(0, 16).replace('T', ' ');

async function phone(ctx, user, lang = 'en') {
  const page = await ctx.newPage();
  await page.setViewportSize({ width: 360, height: 740 });
  await login(page, user);
  await ctx.addCookies([{ name: 'lang', value: lang, domain: new URL(BASE).hostname, path: '/' }]);
  return page;
}

test('survey allocation form fits 360 px with long place names', async (ctx) => {
  const di = await api('di');
  const r = await di('POST', '/surveys', {
    code: 'LOOK' + RUN, title: { en: 'Handpump survey', hi: 'चापाकल सर्वेक्षण' },
    form: { format: 'gramsewa.form/1', fields: [{ name: 'working', type: 'radio', label: { en: 'Working?', hi: 'चालू?' }, required: true,
      options: [{ value: 'yes', label: { en: 'Yes', hi: 'हाँ' } }, { value: 'no', label: { en: 'No', hi: 'नहीं' } }] },
    { name: 'site', type: 'geopoint', label: { en: 'Where it is', hi: 'कहाँ है' }, required: true, accuracy_max_m: 20 },
    { name: 'photo', type: 'photo', label: { en: 'Photo', hi: 'फ़ोटो' }, required: true }] },
    window_from: ist(Date.now() - 86400e3), window_to: ist(Date.now() + 86400e3),
  });
  assert(r.status === 201, 'survey created: ' + r.status + ' ' + JSON.stringify(r.json));
  const page = await phone(ctx, 'bi');
  for (const lang of ['en', 'hi']) {
    await ctx.addCookies([{ name: 'lang', value: lang, domain: new URL(BASE).hostname, path: '/' }]);
    await page.goto(BASE + '/surveys/' + r.json.id);
    assert(await page.isVisible('#allocate'), 'the allocation form is there');
    assert(await fitsWidth(page), lang + ': fits 360 px');
    const box = await page.locator('input[name=place]').first().boundingBox();
    assert(box.width >= 24 && box.height >= 24, 'check box not squeezed: ' + JSON.stringify(box));
    await page.screenshot({ path: path.join(SHOTS, `look-survey-${lang}.png`), fullPage: true });
  }
});

test('register entry: hash wraps, facts in rows, at 360 px', async (ctx) => {
  const csc = await api('csc1');
  const e = await csc('POST', '/registers/CASHBOOK/entries', {
    data: { date: ist(Date.now()).slice(0, 10), voucher_no: 'B' + RUN, particulars: 'Look ' + RUN, receipt_cash: '10' }, submit: true,
  });
  assert(e.status === 201, 'entry: ' + e.status + ' ' + JSON.stringify(e.json));
  const page = await phone(ctx, 'csc1', 'hi');
  await page.goto(BASE + '/registers/entry/' + e.json.id);
  assert(await fitsWidth(page), 'the hash wraps: fits 360 px');
  const dl = await page.$eval('#cells', (el) => getComputedStyle(el).display);
  assert(dl === 'grid', 'facts laid out in rows: display ' + dl);
  await page.screenshot({ path: path.join(SHOTS, 'look-entry-hi.png'), fullPage: true });
});

test('MPR month picker, ticket check box, ticket list and location button fit a thumb', async (ctx) => {
  const page = await phone(ctx, 'bi');
  await page.goto(BASE + '/mpr');
  const m = await page.locator('#f-month').boundingBox();
  assert(m && m.height >= 44, 'month picker 44 px tall: ' + JSON.stringify(m));
  const csc = await api('csc1');
  const t = await csc('POST', '/tickets', { type: 'TECH_HW_PRINTER', location: await jamune(), subject: 'Look ' + RUN,
    answers: { printer_model: 'HP', under_warranty: 'no' }, body: 'The printer jams on every page. ' + RUN });
  assert(t.status === 201, 'ticket: ' + t.status + ' ' + JSON.stringify(t.json));
  await page.goto(BASE + '/tickets/' + t.json.number);
  const c = await page.locator('input[name=misrouted]').boundingBox();
  assert(c && c.width >= 24 && c.height >= 24, 'misrouted check box at least 24 px: ' + JSON.stringify(c));
  assert(await fitsWidth(page), 'ticket page fits 360 px');
  await page.goto(BASE + '/tickets');
  const shown = await page.$eval('#tickets tbody tr', (tr) => getComputedStyle(tr).display);
  assert(shown === 'block', 'a card per ticket on a phone: display ' + shown);
  const li = await page.locator('ul.inline-list li').first().boundingBox();
  assert(li && li.height >= 40, 'the links between lists tall enough: ' + JSON.stringify(li));
  assert(await fitsWidth(page), 'ticket list fits 360 px');
  await page.goto(BASE + '/amenities');
  const g = await page.locator('button[data-geo-use]').first().boundingBox();
  assert(g && g.height >= 44, '"Use my location" a real button: ' + JSON.stringify(g));
});

test('exam question: each choice a thumb-sized box beside its words', async (ctx) => {
  const page = await phone(ctx, 'csc2', 'hi');
  await page.goto(BASE + '/exams');
  const start = page.locator('form[action$="/start"] button').first();
  if (await start.count()) await Promise.all([page.waitForNavigation(), start.click()]);
  else await Promise.all([page.waitForNavigation(), page.click('a[href*="/attempt/"]')]);
  // questions come in any order: go on to the first with choices
  for (let i = 0; i < 10 && !(await page.locator('.choice input').count()); i++) {
    const next = page.locator('button[name=go][value=next]');
    assert(await next.count(), 'a question with choices before the last: ' + page.url());
    await Promise.all([page.waitForNavigation(), next.click()]);
  }
  const box = await page.locator('.choice input').first().boundingBox();
  const label = await page.locator('.choice label').first().boundingBox();
  assert(box.width >= 24 && box.height >= 24, 'choice box at least 24 px: ' + JSON.stringify(box));
  assert(Math.abs((label.y + label.height / 2) - (box.y + box.height / 2)) < 12, 'the words beside the box, not under it');
  assert(await fitsWidth(page), 'fits 360 px');
  await page.screenshot({ path: path.join(SHOTS, 'look-exam-hi.png'), fullPage: true });
});

run();
