// The theme benches' shared part: bundles the clustering and the labelled sets (esbuild, so the
// TypeScript runs without a build) and lists the sets: every set in ../shared/datasets (each text
// as one issue title, all in one category, as a new user would try it) and the three own corpora
// in test/fixtures/themes (titles, categories and components as Claude writes them).
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;

/** Imports the clustering, the scores and the fixtures (plus `extra` export lines). */
export async function loadThemesCore(name, extra = []) {
  const entry = `${root}node_modules/.cache/issuetrack-bench/${name}.mjs`;
  await build({
    stdin: {
      contents: [
        "export { clusterInRuns, shuffled } from '../test/helpers/cluster-runs.js';",
        "export { adjustedRandIndex } from '../test/helpers/ari.js';",
        "export { normalizedMutualInfo } from '../test/helpers/nmi.js';",
        "export { LABELLED_TITLES } from '../test/fixtures/themes/labelled-titles.js';",
        "export { HOLDOUT_TITLES } from '../test/fixtures/themes/holdout-titles.js';",
        "export { HOLDOUT2_TITLES } from '../test/fixtures/themes/holdout2-titles.js';",
        ...extra,
      ].join('\n'),
      resolveDir: `${root}bench`, sourcefile: `${name}-entry.ts`, loader: 'ts',
    },
    outfile: entry, bundle: true, format: 'esm', platform: 'node', target: 'node20',
    external: ['better-sqlite3', '@anthropic-ai/sdk', 'ora', 'wink-lemmatizer'], logLevel: 'warning',
  });
  return import(pathToFileURL(entry).href);
}

/**
 * The labelled sets, each { name, items: [{ title, label, category, component }] }: every
 * DIR/NAME/items.jsonl of ../shared/datasets and of each folder in `extraDirs` (held-out sets,
 * see bench/csv-to-set.mjs), then the own corpora.
 */
export function labelledSets(core, extraDirs = []) {
  const sets = [];
  const shared = `${root}../shared/datasets`;
  if (!existsSync(shared)) console.log(`(no ${shared}: shared sets skipped)`);
  for (const dir of [shared, ...extraDirs]) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const file = `${dir}/${name}/items.jsonl`;
      if (!existsSync(file)) continue;
      const items = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line))
        .map((x) => ({ title: x.text, label: x.label, category: 'other', component: null }));
      sets.push({ name: dir === shared ? name : `held out: ${name}`, items });
    }
  }
  sets.push({ name: 'own: tuning fixture', items: core.LABELLED_TITLES });
  sets.push({ name: 'own: project-management', items: core.HOLDOUT2_TITLES });
  sets.push({ name: 'own: storefront', items: core.HOLDOUT_TITLES });
  return sets;
}
