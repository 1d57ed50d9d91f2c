// test_journeys.js — the measurement of issue 12: every page of every
// journey (journeys.js) at 360 px and 1280 px, in English and Hindi, with
// axe-core finding nothing critical or serious, no sideways scroll on a
// phone, no text under 12 px, the HTML within its budget; the journeys
// marked js: 'both' once more with JavaScript off.  One test per journey
// and language; a failure lists every page state that failed and why.
// Page weights go to $GS_SHOTS (or $GS_TEST_VAR/screens)/weights.tsv;
// with GS_SHOTS set, a screenshot of every state too (see shoot.js).
'use strict';
const { SHOTS, test, run } = require('./lib');
const { LANGS, walk, recordWeights, kb } = require('./harness');
const { journeys } = require('./journeys');

const shots = process.env.GS_SHOTS ? SHOTS : null;
const only = process.argv.slice(2);	// journey names, to run a few

async function check(ctx, j, opts) {
  const r = await walk(ctx.browser(), j, { ...opts, shots });
  recordWeights(SHOTS, r.weights);
  if (r.problems.length) {
    for (const p of r.problems) console.log('#   ' + p);
    const e = new Error(`${r.problems.length} problem(s) on ${j.owner}'s pages: ${r.problems.slice(0, 3).join(' | ')}`);
    e.stack = '';	// the lines above say where
    throw e;
  }
  const largest = Math.max(0, ...r.weights.map((w) => w.html));
  return `${r.pages} pages, largest HTML ${kb(largest)}`;
}

for (const j of journeys) {
  if (only.length && !only.includes(j.name)) continue;
  for (const lang of LANGS)
    test(`journey ${j.name} (${lang}) at 360 and 1280 px: axe clean, fits a phone`, (ctx) => check(ctx, j, { lang }));
  if (j.js === 'both')
    test(`journey ${j.name} without JavaScript`, (ctx) => check(ctx, j, { lang: 'en', js: false }));
}

run();
