import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { collect, spawnCli } from '../helpers/cli.js';
import { listeningUrl } from '../helpers/serve.js';
import { standInHistory } from '../helpers/stand-in-runs.js';
import { tempDir } from '../helpers/temp-dir.js';

/*
 * /metrics read by Prometheus' own tools: promtool's linter, and a real Prometheus server
 * scraping `issuetrack serve` with the README's scrape config. Debian's `prometheus` package
 * has both; .ci/run installs it and sets ISSUETRACK_REQUIRE_PROMETHEUS=1, so there they fail
 * rather than skip when missing.
 */
const required = process.env.ISSUETRACK_REQUIRE_PROMETHEUS === '1';
const found = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const available = found('promtool') && found('prometheus');
const TOKEN = 'metrics-scrape-token-0123456789';
if (!available && !required) process.stderr.write("SKIPPING /metrics under Prometheus' own tools: no promtool/prometheus on PATH (apt-get install prometheus)\n");

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `issuetrack serve` over a database of real runs, with the API token set; its base URL. */
async function served(): Promise<{ base: string; home: string }> {
  const { db, env } = await standInHistory();
  const home = tempDir();
  const child = spawnCli(['--db', db, 'serve', '--port', '0'], { env: { ...env, ISSUETRACK_API_TOKEN: TOKEN } });
  const done = collect(child);
  onTestFinished(async () => {
    child.kill('SIGTERM');
    await done;
  });
  return { base: await listeningUrl(child), home };
}

describe.runIf(required || available)("/metrics read by Prometheus' own tools", () => {
  it('passes promtool check metrics without a lint warning', async () => {
    expect(available, 'promtool and prometheus on PATH (Debian package prometheus)').toBe(true);
    const { base } = await served();
    const scrape = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(scrape.status).toBe(200);
    const lint = spawnSync('promtool', ['check', 'metrics'], { input: await scrape.text(), encoding: 'utf8' });
    expect({ status: lint.status, out: lint.stdout + lint.stderr }).toEqual({ status: 0, out: '' });
  });

  it("is scraped by a real Prometheus with the README's config, token and all", async () => {
    expect(available, 'promtool and prometheus on PATH (Debian package prometheus)').toBe(true);
    const { base, home } = await served();
    const tokenFile = join(home, 'issuetrack-token');
    writeFileSync(tokenFile, TOKEN, { mode: 0o600 });
    const config = join(home, 'prometheus.yml');
    writeFileSync(
      config,
      [
        'global: { scrape_interval: 1s }',
        'scrape_configs:',
        '  - job_name: issuetrack',
        `    authorization: { credentials_file: ${tokenFile} }`,
        `    static_configs: [{ targets: ['${new URL(base).host}'] }]`,
        '',
      ].join('\n'),
    );
    const port = await freePort();
    const prometheus = spawn('prometheus', [`--config.file=${config}`, `--storage.tsdb.path=${join(home, 'tsdb')}`, `--web.listen-address=127.0.0.1:${port}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    prometheus.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    onTestFinished(async () => {
      prometheus.kill('SIGTERM');
      await new Promise((resolve) => prometheus.once('exit', resolve));
    });
    const query = async (promql: string) => {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent(promql)}`).catch(() => null);
      return res?.ok ? ((await res.json()) as { data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } }).data.result : [];
    };
    let runs: Awaited<ReturnType<typeof query>> = [];
    for (let i = 0; i < 120 && runs.length === 0; i++) {
      runs = await query('issuetrack_runs_total{task="pipeline",status="completed"}');
      if (runs.length === 0) await new Promise((r) => setTimeout(r, 250));
    }
    expect(runs, `prometheus log:\n${log}`).toHaveLength(1);
    // The test's history holds two completed pipelines: today's real one and one three days back.
    expect(runs[0]!.value[1]).toBe('2');
    expect(runs[0]!.metric).toMatchObject({ job: 'issuetrack', task: 'pipeline', status: 'completed' });
    expect((await query('up{job="issuetrack"}'))[0]!.value[1]).toBe('1');
    const rate = await query('sum(issuetrack_run_duration_seconds_count)');
    expect(Number(rate[0]!.value[1])).toBeGreaterThan(0);
  });
});
