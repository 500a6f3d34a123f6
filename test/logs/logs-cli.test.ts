import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { acquireLease } from '../../src/worker/lease.js';
import { cliEnv, collect, runCli, spawnCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

function setup() {
  const home = tempDir();
  const db = join(home, 'it.db');
  return { home, db, env: cliEnv(home, { ISSUETRACK_DB: db }) };
}

describe('the run log and `issuetrack logs`', () => {
  it('has a start and an end line per run, with run id, task, trigger, params, outcome, exit code, duration and counts', async () => {
    const { env } = setup();
    const run = JSON.parse((await runCli(['trends', '--json'], { env: { ...env, ISSUETRACK_TRIGGER: 'cron' } })).stdout);
    const out = JSON.parse((await runCli(['logs', '--json', '--run', run.run_id], { env })).stdout);
    expect(out.entries).toEqual([
      expect.objectContaining({ level: 'info', event: 'run_start', run_id: run.run_id, task: 'trends', trigger: 'cron', params: { name_with_claude: false } }),
      expect.objectContaining({ level: 'info', event: 'run_end', run_id: run.run_id, task: 'trends', trigger: 'cron', outcome: 'completed', exit_code: 0, duration_ms: run.duration_ms, counts: run.result }),
    ]);
    const human = await runCli(['logs'], { env });
    expect(human.stdout).toMatch(new RegExp(`^\\S+ info  ${run.run_id} trends run_end: trigger=cron .*outcome=completed exit_code=0 `, 'm'));
  });

  it('logs a refusal (75) naming the holder, and a configuration error (78), each with its task', async () => {
    const { db, env } = setup();
    const store = openStore(db);
    await acquireLease(store, { runId: 'r_holder', task: 'pipeline', params: {}, pid: process.pid, host: hostname(), nowMs: Date.now(), leaseMs: 600_000, isPidAlive: () => true });
    await store.close();
    expect((await runCli(['trends'], { env })).exitCode).toBe(75);
    expect((await runCli(['sync'], { env })).exitCode).toBe(78);
    const { entries } = JSON.parse((await runCli(['logs', '--json', '--level', 'warn'], { env })).stdout);
    expect(entries).toEqual([
      expect.objectContaining({ level: 'warn', event: 'run_refused', task: 'trends', exit_code: 75, run_id: expect.stringMatching(/^r_/), holder: expect.objectContaining({ run_id: 'r_holder', task: 'pipeline' }) }),
      expect.objectContaining({ level: 'error', event: 'command_failed', task: 'sync', exit_code: 78, message: expect.stringMatching(/no Zendesk host/) }),
    ]);
    const trendsOnly = JSON.parse((await runCli(['logs', '--json', '--task', 'sync'], { env })).stdout);
    expect(trendsOnly.entries.map((e: { event: string }) => e.event)).toEqual(['command_failed']);
  });

  it('follows the log with -f, printing a new run as it happens, and exits 130 on Ctrl-C', async () => {
    const { env } = setup();
    await runCli(['trends'], { env }); // an old run: shown first
    const child = spawnCli(['logs', '-f', '--task', 'trends'], { env });
    const done = collect(child);
    let seen = '';
    child.stdout!.on('data', (d: Buffer) => (seen += d.toString()));
    for (let i = 0; i < 200 && seen.split('\n').length < 3; i++) await new Promise((r) => setTimeout(r, 25));
    const before = seen.split('run_end').length;
    const run = JSON.parse((await runCli(['trends', '--json'], { env })).stdout);
    for (let i = 0; i < 200 && !seen.includes(`${run.run_id} trends run_end`); i++) await new Promise((r) => setTimeout(r, 25));
    child.kill('SIGINT');
    const r = await done;
    expect(before).toBe(2);
    expect(r.stdout).toContain(`${run.run_id} trends run_end`);
    expect(r.exitCode).toBe(130);
  });

  it('writes nothing for a read-only command, and reads an absent log as empty', async () => {
    const { env, home } = setup();
    expect((await runCli(['status'], { env })).exitCode).toBe(0);
    const r = await runCli(['logs', '--json'], { env });
    expect(JSON.parse(r.stdout)).toEqual({ log_file: join(home, 'state', 'issuetrack', 'issuetrack.log'), entries: [] });
  });

  it('refuses a log path that is a folder with one line and 78, and takes windows in minutes and only known tasks', async () => {
    const { env, home } = setup();
    const folder = await runCli(['logs'], { env: { ...env, ISSUETRACK_LOG_FILE: home } });
    expect(folder.exitCode).toBe(78);
    expect(folder.stderr).toBe(`issuetrack: the run log ${home} is not a file (check ISSUETRACK_LOG_FILE)\n`);
    expect((await runCli(['trends'], { env })).exitCode).toBe(0);
    const recent = JSON.parse((await runCli(['logs', '--json', '--since', '30m'], { env })).stdout);
    expect(recent.entries.map((e: { event: string }) => e.event)).toEqual(['run_start', 'run_end']);
    const unknown = await runCli(['logs', '--run', 'r_nope', '--level', 'warn', '--since', '24h'], { env });
    expect(unknown).toMatchObject({ exitCode: 0, stdout: '', stderr: `issuetrack: no entries for --run r_nope --level warn --since 1d in ${join(home, 'state', 'issuetrack', 'issuetrack.log')}\n` });
    const typo = await runCli(['logs', '--task', 'trend'], { env });
    expect(typo.exitCode).toBe(64);
    expect(typo.stderr).toMatch(/expected one of sync, analyze, trends, pipeline, got "trend"/);
  });

  it('warns once on stderr when the log cannot be written, and the run still succeeds', async () => {
    const { env, home } = setup();
    writeFileSync(join(home, 'not-a-folder'), '');
    const path = join(home, 'not-a-folder', 'issuetrack.log');
    const r = await runCli(['trends', '--json'], { env: { ...env, ISSUETRACK_LOG_FILE: path } });
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'completed' });
    expect(r.stderr).toBe(`issuetrack: warning: cannot write the run log ${path} (${/EEXIST/.test(r.stderr) ? 'EEXIST' : 'ENOTDIR'}); runs go on without it\n`);
  });
});
