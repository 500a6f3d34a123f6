#!/usr/bin/env node
// Where one problem gets split or mixed, stage by stage, on every labelled set of
// bench/themes-real.mjs (one run): the groups the run's issues form among themselves
// (batch-groups.ts), the themes after placement, after the merge pass; for each, ARI and count,
// and the "oracle" ARI of the groups (every group given its majority label: the best any joining
// of whole groups could reach). Then, per true label of the largest sets, how many themes hold it
// and what share the largest holds. Diagnosis only: the labels are read after clustering, never
// by it. `node bench/themes-diagnose.mjs [set-name-substring]`
import { labelledSets, loadThemesCore } from './themes-sets.mjs';

const core = await loadThemesCore('themes-diagnose', [
  "export { batchGroups } from '../src/themes/batch-groups.js';",
  "export { queryVector } from '../src/themes/term-weights.js';",
  "export { Clustering as StageClustering, resolveKey as stageResolveKey } from '../src/themes/clustering.js';",
  "export { buildIdf as stageIdf } from '../src/themes/term-weights.js';",
  "export { issueTerms as stageTerms } from '../src/themes/tokenize.js';",
]);
const only = process.argv[2];
const fmt = (x) => x.toFixed(3);

/** Each item's cluster replaced by that cluster's majority label. */
function oracle(truth, part) {
  const counts = new Map();
  part.forEach((p, i) => {
    if (!counts.has(p)) counts.set(p, new Map());
    const m = counts.get(p);
    m.set(truth[i], (m.get(truth[i]) ?? 0) + 1);
  });
  const major = new Map([...counts].map(([p, m]) => [p, [...m].sort((a, b) => b[1] - a[1])[0][0]]));
  return part.map((p) => major.get(p));
}

for (const { name, items } of labelledSets(core)) {
  if (only && !name.includes(only)) continue;
  const truth = items.map((t) => t.label);
  const terms = items.map((t) => core.stageTerms(t.title, t.component ?? null));
  const idf = core.stageIdf(terms);
  const { groups } = core.batchGroups(items.map((t, i) => ({ category: t.category, vector: core.queryVector(terms[i], idf) })));
  const grouped = new Array(items.length);
  groups.forEach((g, k) => g.forEach((i) => (grouped[i] = k)));
  const clustering = new core.StageClustering(idf, []);
  const placedMap = clustering.place(items.map((t, i) => ({ id: i + 1, category: t.category, terms: terms[i] })));
  const placed = items.map((_, i) => placedMap.get(i + 1));
  const merges = clustering.mergePass();
  const merged = placed.map((k) => core.stageResolveKey(k, merges));
  const score = (p) => `ARI ${fmt(core.adjustedRandIndex(truth, p))} (${new Set(p).size})`;
  console.log(`\n## ${name}: ${items.length} texts, ${new Set(truth).size} labels`);
  console.log(`groups ${score(grouped)}, oracle ${fmt(core.adjustedRandIndex(truth, oracle(truth, grouped)))} | placed ${score(placed)} | merged ${score(merged)}, oracle ${fmt(core.adjustedRandIndex(truth, oracle(truth, merged)))}`);
  const size = new Map();
  for (const th of merged) size.set(th, (size.get(th) ?? 0) + 1);
  const sizes = [...size.values()].sort((a, b) => b - a);
  console.log(`theme sizes: ${sizes.slice(0, 12).join(' ')} …; of 1–2 issues: ${sizes.filter((s) => s <= 2).length}`);
  if (items.length < 1000) continue;
  const byLabel = new Map();
  truth.forEach((l, i) => {
    if (!byLabel.has(l)) byLabel.set(l, new Map());
    byLabel.get(l).set(merged[i], (byLabel.get(l).get(merged[i]) ?? 0) + 1);
  });
  for (const [l, m] of [...byLabel].sort((a, b) => b[1].size - a[1].size).slice(0, 12)) {
    const pieces = [...m].sort((a, b) => b[1] - a[1]);
    const total = pieces.reduce((s, p) => s + p[1], 0);
    console.log(`  ${l.padEnd(36)} ${total} texts in ${pieces.length} themes; pieces (of theme size): ${pieces.slice(0, 8).map(([th, n]) => `${n}/${size.get(th)}`).join(' ')}`);
  }
}
