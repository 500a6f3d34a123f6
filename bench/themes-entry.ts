// The pure clustering core plus the trends task, bundled by bench/themes.mjs for plain node.
export { Clustering, resolveKey } from '../src/themes/clustering.js';
export { buildIdf } from '../src/themes/term-weights.js';
export { issueTerms } from '../src/themes/tokenize.js';
export { trends } from '../src/themes/trends-task.js';
export { runTask } from '../src/worker/run-task.js';
export { openStore } from '../src/store/open-store.js';
export { resolveConfig } from '../src/config.js';
export { silentReporter } from '../src/output/reporter.js';
