import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ConfigError, UsageError } from '../errors.js';
import { csvRecord } from './csv.js';
import type { ExportRow } from './export-queries.js';

export type ExportFormat = 'jsonl' | 'csv';

/** Where export text goes. `write` must not buffer without bound. */
export interface ExportSink {
  write(text: string): void;
}

const FLUSH_BYTES = 64 * 1024;

/**
 * Writes `rows` as JSON lines (one object per line, keys in column order) or CSV (a header
 * record, then one record per row), in chunks of about 64 KB. Returns the number of rows.
 */
export async function writeExport(rows: AsyncIterable<ExportRow>, columns: readonly string[], format: ExportFormat, sink: ExportSink): Promise<number> {
  let buffer = format === 'csv' ? csvRecord(columns) : '';
  let count = 0;
  for await (const row of rows) {
    if (format === 'csv') {
      buffer += csvRecord(columns.map((c) => row[c] ?? null));
    } else {
      const ordered: ExportRow = {};
      for (const c of columns) ordered[c] = row[c] ?? null;
      buffer += JSON.stringify(ordered) + '\n';
    }
    count++;
    if (buffer.length >= FLUSH_BYTES) {
      sink.write(buffer);
      buffer = '';
    }
  }
  if (buffer) sink.write(buffer);
  return count;
}

/**
 * Writes a file all at once or not at all: into a temporary file beside `path`, synced, then
 * renamed over it, so a reader (or a crash) never sees half an export. `run` receives the sink;
 * if it throws, the temporary file is removed and `path` is untouched. Throws ConfigError when
 * the folder cannot be written.
 */
export async function writeFileAtomically<T>(path: string, run: (sink: ExportSink) => Promise<T>): Promise<T> {
  if (/[\\/]$/.test(path) || (existsSync(path) && !statSync(path).isFile())) {
    throw new UsageError(`--out ${path} is a folder, not a file: name a file, like ${join(path, 'export.jsonl')}`);
  }
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  let fd: number;
  try {
    fd = openSync(temp, 'wx', 0o644);
  } catch (error) {
    throw new ConfigError(`cannot write ${path}: ${(error as Error).message}`, { cause: error });
  }
  let closed = false;
  try {
    const result = await run({ write: (text) => void writeSync(fd, text) });
    fsyncSync(fd);
    closeSync(fd);
    closed = true;
    renameSync(temp, path);
    return result;
  } catch (error) {
    if (!closed) closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
}
