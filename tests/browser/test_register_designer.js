// test_register_designer.js — the register designer's journey
// (journeys.js 'register-designer') alone: each page state at 360 and
// 1280 px, English and Hindi, axe finding nothing critical or serious, no
// sideways scroll on a phone; once more without JavaScript.
'use strict';
const { SHOTS, test, run } = require('./lib');
const { LANGS, walk, recordWeights } = require('./harness');
const { journeys } = require('./journeys');

const j = journeys.find((x) => x.name === 'register-designer');

async function check(ctx, opts) {
  const r = await walk(ctx.browser(), j, opts);
  recordWeights(SHOTS, r.weights);
  if (r.problems.length) {
    for (const p of r.problems) console.log('#   ' + p);
    throw new Error(`${r.problems.length} problem(s): ${r.problems.slice(0, 3).join(' | ')}`);
  }
}

for (const lang of LANGS)
  test(`register designer (${lang}) at 360 and 1280 px: axe clean, fits a phone`, (ctx) => check(ctx, { lang }));
test('register designer without JavaScript', (ctx) => check(ctx, { lang: 'en', js: false }));

run();
