#!/usr/bin/env node
// Turns a labelled CSV (a text column and a label column, RFC 4180 quoting) into the items.jsonl
// layout of ../shared/datasets, so that `node bench/themes-real.mjs --sets DIR` can score a set
// the clustering was never tuned on. Used for the held-out figures in README, e.g. BANKING77's
// test split (PolyAI-LDN/task-specific-datasets, banking_data/test.csv, CC BY 4.0):
//   node bench/csv-to-set.mjs test.csv text category /tmp/held-out/banking77
// LABEL_COLUMN may name several columns joined by + (the label is their values joined by _), and
// --delimiter sets another field separator; rows that repeat the header (CSV files concatenated)
// are skipped. HWU64 (one file per intent, ; separated):
//   node bench/csv-to-set.mjs --delimiter ';' all.csv answer_from_anno scenario+intent /tmp/held-out/hwu64
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
let delimiter = ',';
const at = args.indexOf('--delimiter');
if (at >= 0) [delimiter] = args.splice(at, 2).slice(1);
const [file, textColumn, labelColumn, outDir] = args;
if (!outDir || delimiter?.length !== 1) {
  console.error('usage: node bench/csv-to-set.mjs [--delimiter C] FILE.csv TEXT_COLUMN LABEL_COLUMN[+LABEL_COLUMN…] OUT_DIR');
  process.exit(64);
}
const rows = parseCsv(readFileSync(file, 'utf8'), delimiter);
const header = rows.shift() ?? [];
const t = header.indexOf(textColumn);
const ls = labelColumn.split('+').map((name) => header.indexOf(name));
const missing = [textColumn, ...labelColumn.split('+')].find((name) => !header.includes(name));
if (missing !== undefined) {
  console.error(`csv-to-set: ${file} has no column ${missing} (columns: ${header.join(', ')})`);
  process.exit(65);
}
const last = Math.max(t, ...ls);
const isHeader = (r) => r.length === header.length && r.every((v, i) => v === header[i]);
const items = rows
  .filter((r) => r.length > last && r[t].trim() && !isHeader(r))
  .map((r) => JSON.stringify({ text: r[t], label: ls.map((l) => r[l]).join('_') }));
mkdirSync(outDir, { recursive: true });
writeFileSync(`${outDir}/items.jsonl`, `${items.join('\n')}\n`);
console.log(`${items.length} texts → ${outDir}/items.jsonl`);

/** RFC 4180: fields separated by `delimiter`, quoted fields may hold it, newlines and "" for ". One pass. */
function parseCsv(text, delimiter) {
  const out = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += text[++i];
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) (row.push(field), (field = ''));
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      out.push(row);
      [row, field] = [[], ''];
    } else field += c;
  }
  if (field || row.length) out.push([...row, field]);
  return out;
}
