import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { StatusReport } from '../worker/status-report.js';
import { renderDailyMetrics } from './daily-metrics-view.js';
import { formatDuration } from './duration-text.js';
import { timeFormatter } from './relative-time.js';
import { renderPairs, renderTable } from './table.js';
import type { Terminal } from './terminal.js';

/**
 * `status` for people: worker, jobs, totals and metrics as tables (TSV-ish lines off a TTY).
 * Times are relative and local on a terminal ("in 19 h, 02:00"), ISO on a pipe.
 */
export function renderStatus(term: Terminal, report: StatusReport, nowMs: number, days = 7): string {
  const when = timeFormatter(term, nowMs);
  const w = report.worker;
  const progress = w.progress
    ? `${w.progress.phase ?? ''}${w.progress.done != null ? ` ${w.progress.done}${w.progress.total ? `/${w.progress.total}` : ''}` : ''}${w.progress.percent != null ? ` (${w.progress.percent}%)` : ''}${w.progress.message ? ` ${w.progress.message}` : ''}`
    : null;
  const heartbeat = w.heartbeat_at ? `${w.heartbeat_age_s}s ago${w.stale ? ' (stale: lease expired)' : ''}` : null;
  const out: string[] = [];
  const db = report.database;
  out.push(
    renderPairs(term, null, [
      ['database', db.exists ? `${db.path}${db.writable ? '' : ' (read-only)'}` : `no database at ${db.path} (${missingHint(db.path)})`],
    ]),
  );
  const section = (title: string) => (term.stdoutIsTTY ? `\n${title}\n` : '');
  out.push(
    renderPairs(term, term.stdoutIsTTY ? 'Worker' : null, [
      ['status', w.status],
      ['task', w.task],
      ['run', w.run_id],
      ['progress', w.status === 'running' ? progress : null],
      ['started', w.started_at && when(w.started_at)],
      ['finished', w.status === 'running' ? null : w.finished_at && when(w.finished_at)],
      ['heartbeat', w.status === 'running' ? heartbeat : null],
      ['process', w.pid != null ? `${w.pid}@${w.host}` : null],
      ['error', w.error],
    ]),
  );
  out.push(section(`Scheduled jobs (times in ${report.jobs[0]?.timezone ?? 'local time'})`));
  out.push(
    renderTable(
      term,
      ['job', { head: 'schedule', shrink: 9 }, { head: 'next run', shrink: 12 }, { head: 'last run', shrink: 12 }, { head: 'outcome', shrink: 9 }, { head: 'duration', numeric: true }],
      report.jobs.map((job) => [
        job.name,
        job.schedule,
        job.next_run ? when(job.next_run) : 'disabled',
        job.last_run ? when(job.last_run.started_at) : 'never',
        (job.overdue ? 'OVERDUE ' : '') + (job.last_run ? job.last_run.status + (job.last_run.error ? `: ${job.last_run.error}` : '') : ''),
        job.last_run?.duration_ms != null ? formatDuration(job.last_run.duration_ms) : '',
      ]),
    ),
  );
  // The next run shown is what cron or systemd really fires; a schedule changed since says so.
  for (const job of report.jobs.filter((j) => j.pending_install)) {
    out.push(`${job.name}: schedule changed${job.installed_trigger ? ` (installed: ${job.installed_trigger})` : ''}, run \`${job.apply_with}\` to apply\n`);
  }
  out.push(section('Totals'));
  const t = report.totals;
  const skipped = report.skipped_tickets;
  const lastSkipped = skipped.recent[0];
  out.push(
    renderPairs(term, null, [
      ['tickets', t.tickets],
      ['tickets analysed', t.tickets_analyzed],
      ['issues', t.issues],
      ['themes', t.clusters],
      ['skipped tickets', skipped.total],
      ...(lastSkipped ? [['last skipped', `${lastSkipped.id ?? 'no id'}: ${lastSkipped.reason} (${lastSkipped.skipped_at})`] as [string, string]] : []),
    ]),
  );
  out.push(section('Claude usage'));
  const a = report.analysis;
  const spent = (u: typeof a.usage_today) =>
    `${u.input_tokens + u.cache_creation_input_tokens + u.cache_read_input_tokens} in / ${u.output_tokens} out tokens, $${u.cost_usd.toFixed(4)}${u.unpriced_calls ? ` (+${u.unpriced_calls} unpriced calls)` : ''}`;
  out.push(
    renderPairs(term, null, [
      ['today', spent(a.usage_today)],
      ['last 30 days', spent(a.usage_30d)],
      ['open batches', a.open_batches.length ? a.open_batches.map((b) => `${b.id} (${b.requests} requests, ${b.status}, since ${when(b.created_at)})`).join('; ') : 'none'],
    ]),
  );
  const al = report.alerts;
  if (al.pending || al.failed) {
    out.push(section('Alerts'));
    out.push(
      renderPairs(term, null, [
        ['waiting to send', al.pending],
        ['failed for good', al.failed],
        ...al.recent_failures.map((f): [string, string] => [`alert ${f.alert_id} ${f.channel}`, `${f.error ?? 'failed'} (${f.at}; issuetrack alerts list)`]),
      ]),
    );
  }
  out.push(section(`Runs (last 24 h: ${report.metrics.runs_24h}, failed ${report.metrics.failed_24h}; per task over 7 days)`));
  const tasks = Object.entries(report.metrics.by_task);
  out.push(
    tasks.length
      ? renderTable(
          term,
          ['task', 'runs', { head: 'success', numeric: true }, { head: 'avg duration', numeric: true }],
          tasks.map(([task, m]) => [
            task,
            m.runs_7d,
            m.success_rate_7d == null ? '' : `${Math.round(m.success_rate_7d * 100)}%`,
            m.avg_duration_ms_7d == null ? '' : formatDuration(m.avg_duration_ms_7d),
          ]),
        )
      : term.stdoutIsTTY
        ? '  no runs yet\n'
        : '',
  );
  out.push(renderDailyMetrics(term, report.metrics.daily, days));
  return out.join('');
}

/**
 * What to do about a missing database: a task creates the file, and PostgreSQL's tables, but
 * never a folder (a mistyped --db path is refused with 78), so that case says so instead.
 */
function missingHint(path: string): string {
  const isFile = !/^postgres(ql)?:/.test(path);
  return isFile && !existsSync(dirname(path)) ? 'its folder does not exist' : 'a task creates it: issuetrack sync';
}
