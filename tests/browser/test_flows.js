// test_flows.js — whole journeys in a real browser, one person per browser
// context: a department builds a service with no programming, a CSC operator
// applies for a villager, three officers clear it from their desks, and the
// villager tracks it; then the dashboards, at phone and desktop widths.
'use strict';
const { BASE, SHOTS, test, run, assert, login, fitsWidth, path } = require('./lib');

const CODE = process.env.GS_FLOW_CODE || 'SCH';
const NAME = `School Admission Residence Letter ${CODE}`;
const PLACE = ['Palamu', 'Medininagar(Daltonganj)', 'Jamune', 'Pokhraha Kalan'];
const MOBILE = '9000000001';
let appNumber = null;

async function shoot(page, name) {
  for (const [w, h, tag] of [[360, 740, 'phone'], [1280, 800, 'desktop']]) {
    await page.setViewportSize({ width: w, height: h });
    assert(await fitsWidth(page), `${name}: no sideways scroll at ${w} px`);
    await page.screenshot({ path: path.join(SHOTS, `${name}-${tag}.png`), fullPage: true });
  }
}

// Submits the form that holds `button` and waits for the next page.
async function press(page, selector) {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

// Chooses a place in a cascading picker: each level's list fills in place
// (JavaScript) once the level above is chosen.
async function pickPlace(page, picker, names) {
  const sel = `fieldset[data-picker="${picker}"] select`;
  // each choice can reveal the next level (the script adds it in place)
  for (let i = 0; i < 8; i++) {
    if (i >= await page.locator(sel).count()) {
      try { await page.locator(sel).nth(i).waitFor({ state: 'attached', timeout: 3000 }); } catch (e) { break; }
    }
    // the list is filled (by script, or by the server for the first level)
    await page.locator(sel).nth(i).locator('option').nth(1).waitFor({ state: 'attached' });
    const value = await page.$$eval(sel, (s, [i, names]) => {
      const o = Array.from(s[i].options).find((o) => names.includes(o.textContent.trim()));
      return o ? o.value : null;
    }, [i, names]);
    assert(value !== null, `level ${i} offers one of ${names}`);
    await page.locator(sel).nth(i).selectOption(value);
  }
}

async function addField(page, name, type, en, hi) {
  await page.fill('#f-name', name);
  await page.selectOption('#f-type', type);
  await page.fill('#f-label_en', en);
  await page.fill('#f-label_hi', hi);
  await press(page, `form[action$="/${CODE}/fields"] button`);
  assert(await page.isVisible(`.preview >> text=${en}`), `preview shows ${en}`);
}

async function addStage(page, code, en, hi, role, actions) {
  await page.fill('#f-stage_code', code);
  await page.fill('#f-stage_en', en);
  await page.fill('#f-stage_hi', hi);
  await page.selectOption('#f-stage_role', role);
  for (const a of actions) await page.check(`input[name=stage_actions][value=${a}]`);
  await page.fill('#f-stage_sla', '3');
  await press(page, `form[action$="/${CODE}/stages"] button.secondary`);
  assert(await page.isVisible(`ol.stages >> text=${en}`), `stage ${en} listed`);
}

test('department admin builds and publishes a service in the designer', async (ctx) => {
  const page = await ctx.newPage();
  await login(page, 'deptadmin');
  await page.goto(BASE + '/admin/services');
  await page.fill('#f-code', CODE);
  await page.fill('#f-name_en', NAME);
  await page.fill('#f-name_hi', 'विद्यालय प्रवेश हेतु निवास पत्र');
  await press(page, 'form[action="/admin/services"] button[type=submit]');
  assert(page.url().endsWith('/admin/services/' + CODE), 'on the new service: ' + page.url());
  assert(await page.isVisible('text=Fix these before publishing'), 'draft lists what is missing');

  // The task list: each section on a page of its own, back to the list after.
  await shoot(page, 'designer');
  await press(page, `ol.task-list a[href$="/${CODE}/fields"]`);
  await addField(page, 'applicant_name', 'text', 'Name of the child', 'बच्चे का नाम');
  await addField(page, 'address', 'location', 'Village', 'गाँव');
  await addField(page, 'income', 'number', 'Family income', 'पारिवारिक आय');
  await press(page, 'a.back');
  assert(await page.isVisible('#ts-fields:has-text("Completed")'), 'the task list counts the questions');
  await press(page, `ol.task-list a[href$="/${CODE}/stages"]`);
  await addStage(page, 'check', 'Check', 'जाँच', 'karmachari', ['forward', 'return', 'reject']);
  await addStage(page, 'inspect', 'Inspect', 'निरीक्षण', 'ci', ['forward', 'return', 'reject']);
  await addStage(page, 'decide', 'Decide', 'निर्णय', 'co', ['approve', 'reject']);
  await press(page, 'a.back');
  await press(page, `form[action$="/${CODE}/publish"] button`);
  assert(!(await page.isVisible('text=Fix these before publishing')), 'nothing left to fix');
  assert(!(await page.isVisible(`form[action$="/${CODE}/publish"]`)), 'publish button gone once published');

  // Anyone now sees it in the catalogue and can read about it.
  const anon = await ctx.browser().newContext();
  const p2 = await anon.newPage();
  await p2.goto(BASE + '/services');
  await press(p2, `a[href="/services/${CODE}"]`);
  assert(p2.url().endsWith('/services/' + CODE), 'service page: ' + p2.url());
  await anon.close();
});

test('CSC operator applies for a villager, one question a page, then checks the answers', async (ctx) => {
  const page = await ctx.newPage();
  const next = '#continue';
  await login(page, 'csc1');
  await page.goto(BASE + '/apply/' + CODE);
  assert(await page.isVisible("h1 >> text=What is the applicant's mobile number?"), 'the villager\'s mobile first');
  // Continuing with nothing shows the problem at the top, focused, and beside the field.
  await press(page, next);
  assert(await page.isVisible('.error-summary'), 'error summary');
  assert((await page.title()).startsWith('Error: '), 'Error: in the title');
  assert(await page.evaluate(() => document.activeElement && document.activeElement.id === 'error-summary'),
    'focus moved to the summary');
  assert(await page.locator('.has-error').count() === 1, 'the error beside its field');
  await page.fill('#f-applicant_mobile', MOBILE);
  await press(page, next);
  assert(await page.isVisible('h1 >> text=Name of the child'), 'the designed question is the page\'s heading');
  await page.fill('input[name=f_applicant_name]', 'Munni Kumari');
  await press(page, next);
  await pickPlace(page, 'f_address', PLACE);
  await press(page, next);
  await page.fill('input[name=f_income]', '48000');
  await press(page, next);
  assert(await page.isVisible('h1 >> text=Check your answers'), 'Check your answers: ' + page.url());
  await page.screenshot({ path: path.join(SHOTS, 'apply-check-desktop.png'), fullPage: true });
  const answers = await page.textContent('main');
  // (pickPlace takes the first of PLACE's names a list offers: the village
  // may share its panchayat's name)
  for (const t of ['Munni Kumari', '48000', 'Who pays'])
    assert(answers.includes(t), `${t} on the check page: ${answers.replace(/\s+/g, ' ').slice(0, 600)}`);
  assert(PLACE.slice(2).some((p) => answers.includes(p)), 'the village by its name');
  await page.setViewportSize({ width: 360, height: 740 });
  await page.screenshot({ path: path.join(SHOTS, 'apply-csc-phone.png'), fullPage: true });
  await press(page, '#accept');
  const m = page.url().match(/\/my\/app\/(.+)\?ack=1$/);
  assert(m, 'acknowledged: ' + page.url());
  appNumber = decodeURIComponent(m[1]);
  assert(appNumber.includes('/' + CODE + '/'), 'number names the service: ' + appNumber);
  assert(await page.isVisible(`text=${appNumber}`), 'number shown to the operator');
  await shoot(page, 'apply-ack');
});

test('three officers clear the application from their desks', async (ctx) => {
  assert(appNumber, 'needs the application from the previous test');
  for (const [user, action] of [['karmachari', 'forward'], ['ci', 'forward'], ['co', 'approve']]) {
    const page = await ctx.newPage();
    await login(page, user);
    await page.goto(BASE + '/desk');
    // a long queue lists its first 50; "Show all" lists the rest
    if (!(await page.isVisible(`a:has-text("${appNumber}")`)) && await page.isVisible('a.show-all'))
      await press(page, 'a.show-all');
    assert(await page.isVisible(`a:has-text("${appNumber}")`), `${user} sees it in the queue`);
    if (user === 'karmachari') await shoot(page, 'desk');
    await press(page, `a:has-text("${appNumber}")`);
    // Earlier applications may be waiting: taking this one first needs a reason.
    if (await page.isVisible('#f-ooo_reason')) await page.fill('#f-ooo_reason', 'Browser test takes this one first');
    await page.fill('textarea[name=remarks]', `Checked by ${user}`);
    await press(page, `button[name=action][value=${action}]`);
    assert(!(await page.isVisible('.error-summary')), `${user} ${action} went through: ` +
           (await page.textContent('main')).slice(0, 200));
    await page.close();
    await ctx.clearCookies();
  }
});

test('the villager tracks it and verifies the certificate', async (ctx) => {
  assert(appNumber, 'needs the application');
  const page = await ctx.newPage();
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(BASE + '/track');
  await page.fill('#f-number', appNumber);
  await page.fill('#f-mobile', MOBILE);
  await press(page, 'form[action="/track"] button');
  const text = await page.textContent('dl.summary');
  assert(/Approved|Delivered|Issued/i.test(text), 'status shown: ' + text);
  assert(await fitsWidth(page), 'track page fits a phone');
  await page.screenshot({ path: path.join(SHOTS, 'track-phone.png'), fullPage: true });
  // A wrong mobile number tells nothing about the application.
  // (the form posts: a mobile number never travels in the URL)
  await page.goto(BASE + '/track');
  await page.fill('#f-number', appNumber);
  await page.fill('#f-mobile', '9999999999');
  await press(page, 'form[action="/track"] button');
  assert(!page.url().includes('9999999999'), 'no mobile in the address: ' + page.url());
  assert(await page.isVisible('.error-summary'), 'not found for the wrong mobile');

  // The operator who filed it downloads the certificate for the villager...
  await login(page, 'csc1');
  await page.goto(BASE + '/my/app/' + appNumber);
  const link = await page.getAttribute('a[href^="/certificates/"]', 'href');
  assert(link, 'download link shown');
  const certNo = decodeURIComponent(link.split('/')[2]);
  const pdf = await page.request.get(BASE + link);
  assert(pdf.status() === 200 && (await pdf.body()).slice(0, 5).toString() === '%PDF-', 'the PDF downloads');
  await ctx.clearCookies();
  // ...and anyone can check it by number, or by handing over the PDF itself.
  await page.goto(BASE + '/verify');
  await page.fill('#f-number', certNo);
  await press(page, 'form[action="/verify"]:has(#f-number) button');
  assert(await page.isVisible('.panel.panel-ok h1'), 'valid by number: ' + await page.textContent('main'));
  await page.screenshot({ path: path.join(SHOTS, 'verify-phone.png'), fullPage: true });
  await page.goto(BASE + '/verify');
  await page.setInputFiles('#f-pdf', { name: 'certificate.pdf', mimeType: 'application/pdf', buffer: await pdf.body() });
  await press(page, 'form[action="/verify"]:has(#f-pdf) button');
  assert(await page.isVisible('.panel.panel-ok h1'), 'valid by file: ' + (await page.textContent('main')).slice(0, 300));
});

test('state dashboard drills down to the district, at phone and desktop', async (ctx) => {
  const page = await ctx.newPage();
  await login(page, 'stateadmin');
  await page.goto(BASE + '/dash');
  assert((await page.textContent('h1')).includes('Jharkhand'), 'state level');
  assert(await page.isVisible('.chart svg'), 'charts drawn');
  await shoot(page, 'dash-state');
  await press(page, 'table.dash a:has-text("Palamu")');
  assert((await page.textContent('h1')).includes('Palamu'), 'district level');
  // the application filed above is counted once under its service, and the
  // page's total is the sum of the services table's (the CSV of the same view)
  const received = Number(await page.textContent('.kpi .kpi-n'));
  const loc = new URL(page.url()).searchParams.get('location');
  const csv = await (await page.request.get(`${BASE}/dash/csv?table=services&location=${loc}`)).text();
  const rows = csv.trim().split(/\r?\n/).slice(1)
    .map((l) => l.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((c) => c.replace(/^"|"$/g, '').replace(/""/g, '"')));
  const ours = rows.filter((r) => r[1] === NAME);
  assert(ours.length === 1 && ours[0][2] === '1', 'the application filed above, once: ' + JSON.stringify(ours));
  const sum = rows.reduce((n, r) => n + Number(r[2]), 0);
  assert(received === sum, `Received ${received} = the services' ${sum}`);
  await shoot(page, 'dash-district');
  await page.goto(BASE + '/transparency');
  await shoot(page, 'transparency');
});

run();
