#!/usr/bin/env node
// Redaction benchmark: hostile 10 MB tickets (one repeated letter, base64, digits, `<` with no
// `>`, spaces) through redactText alone and through buildInput (strip HTML, cap, redact, cut),
// each against a reference measured in the same run: one plain linear scan of the same text
// (a charCodeAt loop). Prints milliseconds and the ratio to the reference. buildInput is what
// analyze runs per ticket, so its time is the figure the README quotes.
// Run by hand: `node bench/redact.mjs` (it bundles its own entry with esbuild).
import { build } from 'esbuild';
import { pathToFileURL } from 'node:url';

const entry = new URL('../node_modules/.cache/issuetrack-bench/redact-bench.mjs', import.meta.url).pathname;
await build({
  stdin: {
    contents: "export { redactText } from './src/analysis/redact.ts'; export { buildInput } from './src/analysis/build-input.ts';",
    resolveDir: new URL('..', import.meta.url).pathname,
    loader: 'ts',
  },
  outfile: entry, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning',
});
const { redactText, buildInput } = await import(pathToFileURL(entry).href);

const SIZE = 10 * 1024 * 1024;
const fill = (unit) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
const shapes = {
  'one letter': fill('a'),
  base64: fill('QmFzZTY0IGJsb2Igb2YgYSBzY3JlZW5zaG90'),
  digits: fill('1234567890'),
  'digit groups': fill('12 34 '),
  'dotted words': fill('a.b'),
  "'<' and no '>'": fill('<p '),
  prose: fill('Hi, the export to ada@example.com fails since 10.0.0.1 went down; call +44 20 7946 0958. '),
};
const ticket = (text) => ({ id: 1, subject: 'hostile', description: null, tags: [], channel: null, created_at: '2026-01-01T00:00:00Z', source_stamp: 's', people: [{ name: 'Ada Lovelace', email: 'ada@example.com' }], comments: [{ author_role: 'end-user', body: text, created_at: '2026-01-01T00:00:00Z', public: 1 }] });
const time = (fn) => {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
};
const best = (fn) => Math.min(time(fn), time(fn), time(fn));

console.log('shape             reference  redactText        buildInput');
let worst = 0;
for (const [name, text] of Object.entries(shapes)) {
  const reference = best(() => {
    let sum = 0;
    for (let i = 0; i < text.length; i++) sum = (sum + text.charCodeAt(i)) | 0;
    return sum;
  });
  const redact = best(() => redactText(text, ticket(text).people));
  const input = best(() => buildInput(ticket(text), { redact: true }));
  worst = Math.max(worst, input);
  const cell = (ms) => `${ms.toFixed(0).padStart(6)} ms ${(ms / reference).toFixed(1).padStart(5)}x`;
  console.log(`${name.padEnd(16)} ${reference.toFixed(0).padStart(6)} ms  ${cell(redact)}  ${cell(input)}`);
}
console.log(`slowest buildInput: ${worst.toFixed(0)} ms for a 10 MB ticket (target < 1000 ms)`);
