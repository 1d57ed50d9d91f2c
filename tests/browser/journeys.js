// journeys.js — every journey of GramSewa as its people walk it, for the
// harness (harness.js) to measure page by page: test_journeys.js checks
// them, shoot.js photographs them.
//
// A journey: name, owner (the part of issue 12 that answers for its pages),
// who walks it (null: a visitor; a username: password log-in; 'citizen':
// the fixture's citizen, logged in by OTP), js ('both': walked again with
// JavaScript off; 'on': only with it), and steps.  A step is one page
// state: `go` a path (or fx => path, fx being fixtures.py's records) with
// the `status` it must answer (200), and/or `act` (page, fx, {js, lang, ...})
// that leads to the state, then `expect` (same arguments) that asserts what
// it must show; the third argument is shared by the steps of one walk.
// When a journey changes, change its steps here; never drop a page to get
// the harness green.
'use strict';
const { BASE, assert } = require('./lib');
const { press, otpAfter, freshMobile } = require('./harness');

const q = encodeURIComponent;

const journeys = [
  {
    name: 'visitor', owner: 'public', who: null, js: 'both',
    steps: [
      { name: 'home', go: '/' },
      { name: 'services', go: '/services' },
      { name: 'service', go: '/services/INC' },
      { name: 'transparency', go: '/transparency' },
      { name: 'accessibility', go: '/accessibility' },
      { name: 'privacy', go: '/privacy' },
      { name: 'not-found', go: '/no-such-page', status: 404 },
    ],
  },
  {
    name: 'verify', owner: 'public', who: null, js: 'both',
    steps: [
      { name: 'form', go: '/verify' },
      {
        name: 'valid', go: '/verify',
        act: async (page, fx) => {
          await page.fill('#f-number', fx.cert.number);
          await press(page, 'form:has(#f-number) button');
        },
      },
      {
        name: 'not-found', go: '/verify',
        act: async (page) => {
          await page.fill('#f-number', 'JH-INC-0000-AAAAAAAA');
          await press(page, 'form:has(#f-number) button');
        },
      },
      { name: 'qr', go: (fx) => fx.cert.verify_url.replace(/^https?:\/\/[^/]+/, '') },
      {
        name: 'pdf', go: '/verify',
        act: async (page, fx) => {
          await page.setInputFiles('#f-pdf', fx.cert.pdf);
          await press(page, 'form:has(#f-pdf) button');
        },
      },
    ],
  },
  {
    name: 'citizen-login', owner: 'journey', who: null, js: 'both',
    steps: [
      { name: 'start-now', go: '/apply/INC' },
      { name: 'staff-log-in', go: '/staff/login' },
      { name: 'mobile', go: '/login?next=%2Fapply%2FINC' },
      {
        name: 'otp',
        act: async (page, fx, ctx) => {
          ctx.mobile = freshMobile();
          await page.fill('#f-mobile', ctx.mobile);
          ctx.code = await otpAfter(ctx.mobile, () => press(page, 'form[action="/login/otp"] button'));
        },
      },
      {
        name: 'signed-in',
        act: async (page, fx, ctx) => {
          await page.fill('#f-otp', ctx.code);
          await press(page, 'form[action="/login/otp/verify"] button');
          assert(page.url().endsWith('/apply/INC'), 'back to the form started: ' + page.url());
        },
      },
    ],
  },
  {
    name: 'citizen', owner: 'journey', who: 'citizen', js: 'both',
    steps: [
      { name: 'my', go: '/my' },
      { name: 'application', go: (fx) => '/my/app/' + fx.approved },
      { name: 'locker', go: '/locker' },
      { name: 'profile', go: '/profile' },
      { name: 'apply', go: '/apply/INC' },
      {
        name: 'apply-errors', go: '/apply/INC',
        act: async (page) => {
          await press(page, '#continue');
          assert(await page.isVisible('.error-summary'), 'the error summary');
          assert((await page.title()).startsWith('Error: ') || (await page.title()).startsWith('त्रुटि: '), 'Error: in the title');
        },
      },
    ],
  },
  {
    name: 'track', owner: 'journey', who: null, js: 'both',
    steps: [
      { name: 'form', go: '/track' },
      {
        name: 'result', go: '/track',
        act: async (page, fx) => {
          await page.fill('#f-number', fx.approved);
          await page.fill('#f-mobile', fx.citizen);
          await press(page, 'form[action="/track"] button');
        },
      },
    ],
  },
  {
    name: 'csc', owner: 'public', who: 'csc1', js: 'on',
    steps: [
      { name: 'desk', go: '/csc' },
      { name: 'passbook', go: '/csc/wallet' },
      { name: 'bills', go: '/csc/bills' },
      { name: 'applications', go: '/my' },
      { name: 'application', go: (fx) => '/my/app/' + fx.approved },
    ],
  },
  {
    name: 'csc-apply', owner: 'journey', who: 'csc1', js: 'both',
    steps: [
      { name: 'mobile', go: '/apply/INC' },
      {
        name: 'mobile-error', go: '/apply/INC',
        act: async (page) => { await press(page, '#continue'); },
      },
      { name: 'question', go: (fx) => `/my/drafts/${fx.draft}?step=gender` },
      { name: 'place', go: (fx) => `/my/drafts/${fx.draft}?step=address` },
      { name: 'family', go: (fx) => `/my/drafts/${fx.draft}?step=family` },
      { name: 'document', go: (fx) => `/my/drafts/${fx.draft}?step=doc_income_proof` },
      { name: 'tatkal', go: (fx) => `/my/drafts/${fx.draft}?step=tatkal` },
      { name: 'check-answers', go: (fx) => `/my/drafts/${fx.draft}` },
      {
        name: 'check-errors', go: (fx) => `/my/drafts/${fx.draft}`,
        act: async (page) => {
          // not agreeing to the declaration keeps the draft and names the box
          await page.uncheck('#f-f_declaration');
          await press(page, '#accept');
          assert(await page.isVisible('.error-summary a[href="#f-f_declaration"]'), 'the declaration named and linked');
        },
      },
    ],
  },
  {
    name: 'officer-desk', owner: 'desk', who: 'karmachari', js: 'both',
    steps: [
      { name: 'queue', go: '/desk' },
      { name: 'application', go: (fx) => '/desk/app/' + fx.pending },
      {
        // "Are you sure?" — the question only: nothing is rejected
        name: 'reject-are-you-sure', go: (fx) => '/desk/app/' + fx.pending,
        act: async (page) => {
          await page.fill('#f-remarks', 'No income proof on record');
          if (await page.$('#f-ooo_reason')) await page.fill('#f-ooo_reason', 'taken out of turn for the harness');
          await press(page, 'button[name=action][value=reject]');
        },
        expect: async (page) => { assert(await page.$('input[name=confirm][value=yes]'), 'the question page'); },
      },
    ],
  },
  {
    name: 'officer-decided', owner: 'desk', who: 'co', js: 'on',
    steps: [
      { name: 'approved', go: (fx) => '/desk/app/' + fx.approved },
      {
        name: 'revoke-are-you-sure', go: (fx) => '/desk/app/' + fx.approved,
        act: async (page) => {
          await page.fill('#f-reason', 'Issued on a forged income proof');
          await press(page, 'form[action$="/revoke"] button');
        },
        expect: async (page) => { assert(await page.$('input[name=confirm][value=yes]'), 'the question page'); },
      },
    ],
  },
  {
    name: 'dashboard', owner: 'public', who: 'stateadmin', js: 'on',
    steps: [
      { name: 'state', go: '/dash' },
      {
        name: 'district', go: '/dash',
        act: async (page) => { await press(page, 'table.dash a:has-text("Palamu")'); },
      },
    ],
  },
  {
    name: 'designer', owner: 'public', who: 'deptadmin', js: 'on',
    steps: [
      { name: 'services', go: '/admin/services' },
      { name: 'task-list', go: '/admin/services/INC' },
      ...['general', 'fields', 'documents', 'settings', 'stages', 'notifications', 'json', 'history']
        .map((sec) => ({ name: sec, go: '/admin/services/INC/' + sec })),
      { name: 'field', go: '/admin/services/INC/fields/applicant_name' },
      { name: 'preview', go: '/admin/services/INC/preview' },
    ],
  },
  {
    // the register designer without JSON (issue 13): a new register, a
    // column refused at its input, a column added, its editor, the header,
    // the entry form's preview; each walk makes a register of its own
    name: 'register-designer', owner: 'registers', who: 'stateadmin', js: 'both',
    steps: [
      { name: 'registers', go: '/admin/registers' },
      { name: 'new', go: '/admin/registers/new' },
      {
        name: 'draft', go: '/admin/registers/new',
        act: async (page, fx, state) => {
          state.code = 'BR' + String(Date.now() % 100000000) + (state.js ? '' : 'N');
          await page.fill('#f-code', state.code);
          await page.fill('#f-name_en', 'Tree plantation register');
          await page.fill('#f-name_hi', 'वृक्षारोपण रजिस्टर');
          await press(page, 'form[action="/admin/registers/new"] button');
        },
        expect: async (page, fx, state) => {
          assert(page.url().endsWith('/admin/registers/' + state.code + '/design'), 'on the draft: ' + page.url());
        },
      },
      {
        name: 'column-refused',
        act: async (page, fx, state) => {
          await page.goto(BASE + '/admin/registers/' + state.code + '/add-column');
          await page.fill('#f-name', 'Bad name');
          await page.selectOption('#f-type', 'computed');
          await page.fill('#f-label_en', 'Trees');
          await page.fill('#f-label_hi', 'पेड़');
          await page.fill('#f-compute_of', 'nothere');
          await press(page, 'form[action$="/columns"] button');
        },
        expect: async (page) => {
          assert(await page.isVisible('#e-name'), 'the name refused next to it');
          assert(await page.isVisible('#e-compute_of'), 'the missing source refused next to it');
        },
      },
      {
        name: 'column-added',
        act: async (page, fx, state) => {
          await page.goto(BASE + '/admin/registers/' + state.code + '/add-column');
          await page.fill('#f-name', 'planted_on');
          await page.selectOption('#f-type', 'date');
          await page.fill('#f-label_en', 'Date planted');
          await page.fill('#f-label_hi', 'रोपण की तारीख़');
          await press(page, 'form[action$="/columns"] button');
        },
        expect: async (page) => {
          assert(await page.isVisible('#columns a:has-text("planted_on"), #columns code:has-text("planted_on")'), 'the column listed');
        },
      },
      { name: 'column', act: async (page, fx, state) => { await page.goto(BASE + '/admin/registers/' + state.code + '/columns/planted_on'); } },
      { name: 'header', act: async (page, fx, state) => { await page.goto(BASE + '/admin/registers/' + state.code + '/header'); } },
      { name: 'preview', act: async (page, fx, state) => { await page.goto(BASE + '/admin/registers/' + state.code + '/preview?version=1'); } },
    ],
  },
  {
    name: 'administration', owner: 'public', who: 'stateadmin', js: 'on',
    steps: [
      { name: 'admin', go: '/admin' },
      { name: 'users', go: '/admin/users' },
      { name: 'new-user', go: '/admin/users/new' },
      { name: 'locations', go: '/admin/locations' },
      { name: 'money', go: '/admin/money' },
      { name: 'wallets', go: '/admin/wallets' },
    ],
  },
  {
    name: 'vle-attendance', owner: 'public', who: 'csc1', js: 'on',
    steps: [
      { name: 'attendance', go: '/attendance' },
      { name: 'check-in', go: '/attendance/checkin' },
      { name: 'leave', go: '/attendance/leave' },
    ],
  },
  {
    name: 'attendance-review', owner: 'public', who: 'bi', js: 'on',
    steps: [
      { name: 'muster', go: '/attendance' },
      { name: 'review', go: '/attendance/review' },
      { name: 'devices', go: '/attendance/devices' },
      { name: 'month', go: '/attendance/month' },
    ],
  },
];

module.exports = { journeys, BASE, q };
