#!/usr/bin/env node
// Turns a labelled CSV (a text column and a label column, RFC 4180 quoting) into the items.jsonl
// layout of ../shared/datasets, so that `node bench/themes-real.mjs --sets DIR` can score a set
// the clustering was never tuned on. Used for the held-out figures in README, e.g. BANKING77's
// test split (PolyAI-LDN/task-specific-datasets, banking_data/test.csv, CC BY 4.0):
//   node bench/csv-to-set.mjs test.csv text category /tmp/held-out/banking77
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const [file, textColumn, labelColumn, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: node bench/csv-to-set.mjs FILE.csv TEXT_COLUMN LABEL_COLUMN OUT_DIR');
  process.exit(64);
}
const rows = parseCsv(readFileSync(file, 'utf8'));
const header = rows.shift() ?? [];
const [t, l] = [header.indexOf(textColumn), header.indexOf(labelColumn)];
if (t < 0 || l < 0) {
  console.error(`csv-to-set: ${file} has no column ${t < 0 ? textColumn : labelColumn} (columns: ${header.join(', ')})`);
  process.exit(65);
}
const items = rows.filter((r) => r.length > Math.max(t, l) && r[t].trim()).map((r) => JSON.stringify({ text: r[t], label: r[l] }));
mkdirSync(outDir, { recursive: true });
writeFileSync(`${outDir}/items.jsonl`, `${items.join('\n')}\n`);
console.log(`${items.length} texts → ${outDir}/items.jsonl`);

/** RFC 4180: fields separated by commas, quoted fields may hold commas, newlines and "" for ". One pass. */
function parseCsv(text) {
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
    else if (c === ',') (row.push(field), (field = ''));
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
