#!/usr/bin/env node
// Theme quality on real labelled sets: every set in ../shared/datasets (each text as one issue
// title, all in one category, as a new user would try it) and the three own corpora in
// test/fixtures/themes (titles, categories and components as Claude writes them). The local
// algorithm alone, no Claude. For each set: one trends run over everything in the set's order,
// then three arrival orders (the set's order and two seeded shuffles), each fed as 4 successive
// runs, so themes made by earlier runs meet later issues. Prints ARI, NMI, and themes against the
// true number of labels. Run by hand after `npm ci`: `node bench/themes-real.mjs [--runs N] [--sets DIR]`
// (DIR/NAME/items.jsonl sets the clustering was never tuned on, see bench/csv-to-set.mjs).
// Measurement, and the figures in README; the labels never reach the clustering.
import { labelledSets, loadThemesCore } from './themes-sets.mjs';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 4;
const setsArg = process.argv.indexOf('--sets');
const core = await loadThemesCore('themes-real');
const sets = labelledSets(core, setsArg > 0 ? [process.argv[setsArg + 1]] : []);

const fmt = (x) => x.toFixed(3);
console.log(`set | texts | labels | one run: ARI NMI themes | ${RUNS} runs × 3 orders: ARI (min–max) NMI themes | ms`);
for (const { name, items } of sets) {
  const truth = (list) => list.map((t) => t.label);
  const started = performance.now();
  const one = core.clusterInRuns(items, 1);
  const ms = performance.now() - started;
  const orders = [items, core.shuffled(items, 1), core.shuffled(items, 2)].map((list) => {
    const p = core.clusterInRuns(list, RUNS);
    return { ari: core.adjustedRandIndex(truth(list), p), nmi: core.normalizedMutualInfo(truth(list), p), themes: new Set(p).size };
  });
  const mean = (k) => orders.reduce((s, o) => s + o[k], 0) / orders.length;
  const aris = orders.map((o) => o.ari);
  console.log([
    name, items.length, new Set(truth(items)).size,
    `${fmt(core.adjustedRandIndex(truth(items), one))} ${fmt(core.normalizedMutualInfo(truth(items), one))} ${new Set(one).size}`,
    `${fmt(mean('ari'))} (${fmt(Math.min(...aris))}–${fmt(Math.max(...aris))}) ${fmt(mean('nmi'))} ${Math.round(mean('themes'))}`,
    ms.toFixed(0),
  ].join(' | '));
}
