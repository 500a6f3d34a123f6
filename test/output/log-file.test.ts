import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileRunLog, logFiles } from '../../src/output/log-file.js';
import { tempDir } from '../helpers/temp-dir.js';

const entry = (i: number) => ({ level: 'info' as const, event: 'run_end', run_id: `r_${i}`, task: 'trends', message: 'x'.repeat(200) });

describe('the run log file', () => {
  it('rotates past its size cap and keeps at most three old files, so it never grows without bound', () => {
    const path = join(tempDir(), 'state', 'issuetrack.log');
    const log = fileRunLog(path, { level: 'info', maxBytes: 4096, keep: 3, now: () => 0 });
    for (let i = 0; i < 500; i++) log.write(entry(i));
    const files = logFiles(path, 3);
    expect(files.map((f) => existsSync(f))).toEqual([true, true, true, true]);
    expect(existsSync(`${path}.4`)).toBe(false);
    for (const f of files) expect(statSync(f).size).toBeLessThanOrEqual(4096);
    const newest = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(JSON.parse(newest[newest.length - 1]!)).toMatchObject({ run_id: 'r_499', task: 'trends', event: 'run_end', level: 'info' });
    expect((statSync(path).mode & 0o777).toString(8)).toBe('600');
  });

  it('drops lines below its level', () => {
    const path = join(tempDir(), 'issuetrack.log');
    const log = fileRunLog(path, { level: 'warn', maxBytes: 1 << 20, keep: 3, now: () => 0 });
    log.write({ level: 'info', event: 'run_start', run_id: 'r_1', task: 'sync' });
    log.write({ level: 'error', event: 'run_end', run_id: 'r_1', task: 'sync' });
    expect(readFileSync(path, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l).event)).toEqual(['run_end']);
  });

  it('reports the first line it cannot write, once, and writes again once the fault is gone', () => {
    const dir = join(tempDir(), 'state');
    writeFileSync(dir, 'a file where the folder should be'); // mkdir fails, even for root
    const path = join(dir, 'issuetrack.log');
    const errors: string[] = [];
    const log = fileRunLog(path, { level: 'info', maxBytes: 1 << 20, keep: 3, now: () => 0, onError: (m) => errors.push(m) });
    log.write(entry(1));
    log.write(entry(2));
    expect(errors).toEqual([expect.stringMatching(/^cannot write the run log .+issuetrack\.log \((EEXIST|ENOTDIR)\); runs go on without it$/)]);
    expect(errors[0]).toContain(path);
    rmSync(dir);
    mkdirSync(dir);
    log.write(entry(3));
    expect(readFileSync(path, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l).run_id)).toEqual(['r_3']);
    expect(errors).toHaveLength(1);
  });
});
