#!/usr/bin/env node
// Held-out clustering quality: clusters test/fixtures/themes/holdout-titles.ts (an e-commerce
// storefront domain the thresholds and vocabulary were never tuned on) exactly as
// test/themes/cluster-quality.test.ts clusters the tuning fixture: in fixture order and in 5 seeded
// shuffled orders. Prints the ARI of each, themes found vs labels, and the 5 worst-split labels and
// 5 worst-merged themes. The tuning fixture is scored the same way first, as a reference.
// Run by hand after `npm run build`: `node bench/themes-holdout.mjs` (it bundles its own entry with
// esbuild so it can import the TypeScript sources). Measurement only: never tune against it.
import { build } from 'esbuild';
import { pathToFileURL } from 'node:url';

const benchDir = new URL('.', import.meta.url).pathname;
// Inside the repo, like bench/themes.mjs, so the bundle sits next to node_modules.
const entry = new URL('../node_modules/.cache/issuetrack-bench/themes-holdout.mjs', import.meta.url).pathname;
await build({
  stdin: {
    contents: [
      "export { Clustering, resolveKey } from '../src/themes/clustering.js';",
      "export { buildIdf } from '../src/themes/term-weights.js';",
      "export { issueTerms } from '../src/themes/tokenize.js';",
      "export { adjustedRandIndex } from '../test/helpers/ari.js';",
      "export { LABELLED_TITLES } from '../test/fixtures/themes/labelled-titles.js';",
      "export { HOLDOUT_TITLES } from '../test/fixtures/themes/holdout-titles.js';",
      "export { HOLDOUT2_TITLES } from '../test/fixtures/themes/holdout2-titles.js';",
    ].join('\n'),
    resolveDir: benchDir, sourcefile: 'themes-holdout-entry.ts', loader: 'ts',
  },
  outfile: entry, bundle: true, format: 'esm', platform: 'node', target: 'node20',
  external: ['better-sqlite3', '@anthropic-ai/sdk', 'ora'], logLevel: 'warning',
});
const core = await import(pathToFileURL(entry).href);

/** As clusterAll in cluster-quality.test.ts. */
function clusterAll(items) {
  const docs = items.map((t) => core.issueTerms(t.title, t.component));
  const clustering = new core.Clustering(core.buildIdf(docs), []);
  const placed = clustering.place(items.map((t, i) => ({ id: i + 1, category: t.category, terms: docs[i] })));
  const merges = clustering.mergePass();
  return items.map((_, i) => core.resolveKey(placed.get(i + 1), merges));
}

/** As shuffled in cluster-quality.test.ts (same LCG, same seeds). */
function shuffled(items, seed) {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function groupBy(items, key) {
  const m = new Map();
  items.forEach((it, i) => {
    const k = key(it, i);
    if (!m.has(k)) m.set(k, []);
    m.get(k).push(it);
  });
  return m;
}

/** Scores one arrival order: ARI, theme counts, and per-label / per-theme purity. */
function score(items) {
  const predicted = clusterAll(items);
  const rows = items.map((t, i) => ({ ...t, theme: predicted[i] }));
  const ari = core.adjustedRandIndex(items.map((t) => t.label), predicted);
  const byTheme = groupBy(rows, (r) => r.theme);
  const byLabel = groupBy(rows, (r) => r.label);
  // A label is split when its titles land in several themes; "stray" = titles outside its biggest theme.
  const splits = [...byLabel].map(([label, rs]) => {
    const parts = [...groupBy(rs, (r) => r.theme).values()].sort((a, b) => b.length - a.length);
    return { label, size: rs.length, themes: parts.length, stray: rs.length - parts[0].length, parts };
  }).filter((s) => s.themes > 1).sort((a, b) => b.stray - a.stray || b.themes - a.themes);
  // A theme is merged when it holds titles of several labels; "foreign" = titles not of its main label.
  const merged = [...byTheme].map(([theme, rs]) => {
    const parts = [...groupBy(rs, (r) => r.label)].sort((a, b) => b[1].length - a[1].length);
    return { theme, size: rs.length, labels: parts.length, foreign: rs.length - parts[0][1].length, parts };
  }).filter((m) => m.labels > 1).sort((a, b) => b.foreign - a.foreign || b.labels - a.labels);
  const singletons = [...byTheme.values()].filter((rs) => rs.length === 1).length;
  return { ari, themes: byTheme.size, labels: byLabel.size, singletons, splits, merged };
}

const orders = (fixture) => [
  { name: 'fixture order', items: fixture },
  ...[1, 2, 3, 4, 5].map((seed) => ({ name: `seed ${seed}`, items: shuffled(fixture, seed) })),
];

function summary(name, fixture) {
  console.log(`\n${name}: ${fixture.length} titles, ${new Set(fixture.map((t) => t.label)).size} labels, ` +
    `${new Set(fixture.map((t) => t.category)).size} categories`);
  const results = orders(fixture).map((o) => ({ ...o, ...score(o.items) }));
  for (const r of results) {
    console.log(`  ${r.name.padEnd(13)} ARI ${r.ari.toFixed(3)}  themes ${String(r.themes).padStart(3)} vs ${r.labels} labels` +
      `  (${r.singletons} singletons, ${r.splits.length} labels split, ${r.merged.length} themes mixed)`);
  }
  const aris = results.map((r) => r.ari);
  console.log(`  ARI min ${Math.min(...aris).toFixed(3)}, mean ${(aris.reduce((a, b) => a + b, 0) / aris.length).toFixed(3)}, max ${Math.max(...aris).toFixed(3)}`);
  return results;
}

summary('Tuning fixture (reference, labelled-titles.ts)', core.LABELLED_TITLES);
summary('Second corpus (holdout2-titles.ts, project-management SaaS; chose the component weight)', core.HOLDOUT2_TITLES);
const results = summary('Held-out fixture (holdout-titles.ts, e-commerce storefront)', core.HOLDOUT_TITLES);

// Across all six orders: how often each label was split / each label pair shared a theme.
const splitTally = new Map();
const mixTally = new Map();
for (const r of results) {
  for (const s of r.splits) {
    const t = splitTally.get(s.label) ?? { orders: 0, stray: 0 };
    splitTally.set(s.label, { orders: t.orders + 1, stray: t.stray + s.stray });
  }
  for (const m of r.merged) {
    const key = m.parts.map(([label]) => label).sort().join(' + ');
    const t = mixTally.get(key) ?? { orders: new Set(), foreign: 0 };
    t.orders.add(r.name);
    mixTally.set(key, { orders: t.orders, foreign: t.foreign + m.foreign });
  }
}
console.log('\nAcross the 6 orders, worst-split labels (orders split, stray titles summed):');
for (const [label, t] of [...splitTally].sort((a, b) => b[1].stray - a[1].stray).slice(0, 5)) {
  console.log(`  ${label}: split in ${t.orders}/6 orders, ${t.stray} stray titles`);
}
console.log('Across the 6 orders, worst-mixed label sets (orders seen, foreign titles summed):');
for (const [key, t] of [...mixTally].sort((a, b) => b[1].foreign - a[1].foreign).slice(0, 5)) {
  console.log(`  ${key}: in ${t.orders.size}/6 orders, ${t.foreign} foreign titles`);
}

const first = results[0];
console.log('\nFixture order, 5 worst-split labels (each part is one predicted theme):');
for (const s of first.splits.slice(0, 5)) {
  console.log(`  ${s.label} (${s.size} titles → ${s.themes} themes, ${s.stray} stray)`);
  for (const part of s.parts) console.log(`    [theme ${part[0].theme}] ${part.map((r) => r.title).join(' | ')}`);
}
console.log('Fixture order, 5 worst-merged themes (labels mixed in one predicted theme):');
for (const m of first.merged.slice(0, 5)) {
  console.log(`  theme ${m.theme} (${m.size} titles, ${m.labels} labels, ${m.foreign} foreign)`);
  for (const [label, rs] of m.parts) console.log(`    ${label}: ${rs.map((r) => r.title).join(' | ')}`);
}
