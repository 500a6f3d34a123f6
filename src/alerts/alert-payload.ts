import type { JobAlertIntent, JobAlertKind } from './job-rules.js';
import { oneLine } from './plain-text.js';
import type { ThemeAlertKind } from './theme-rules.js';

export type AlertKind = ThemeAlertKind | JobAlertKind | 'test';

/**
 * The stable JSON body of the generic webhook (README, "Alerts"), also what the outbox stores and
 * what Slack and mail render. Fields are added, never renamed or dropped; `version` changes only
 * if that promise ever has to be broken.
 */
export interface AlertPayload {
  version: 1;
  /** The idempotency key: the same for every attempt to send this alert, on every channel. */
  id: string;
  kind: AlertKind;
  created_at: string;
  /** One line, plain text. */
  summary: string;
  theme: ThemePayload | null;
  job: JobPayload | null;
  /** ISSUETRACK_PUBLIC_URL's dashboard, or null. */
  dashboard_url: string | null;
}

export interface ThemePayload {
  id: number;
  title: string;
  category: string;
  component: string | null;
  count_24h: number;
  expected_24h: number | null;
  /** The 24 h count at the previous alert of this rising episode (escalations). */
  previous_count_24h: number | null;
  count_7d: number;
  customers_24h: number;
  rising: boolean;
  rising_since: string | null;
  first_seen: string | null;
  /** Tickets per UTC day over the last 14 days, oldest first, and the same as a sparkline. */
  daily_14d: number[];
  sparkline: string;
  /** The theme in `serve`'s API, or null without ISSUETRACK_PUBLIC_URL. */
  url: string | null;
  /** The newest few tickets: subjects redacted of personal data, links to Zendesk when known. */
  tickets: Array<{ id: number; subject: string; url: string | null }>;
}

export interface JobPayload {
  name: string;
  schedule: string;
  failures: number;
  last_run_at: string | null;
  last_error: string | null;
  expected_at: string | null;
}

/** The one-line summary of a theme alert. Pure. */
export function themeSummary(kind: ThemeAlertKind, t: ThemePayload): string {
  const what = `"${t.title}" (${[t.category, t.component].filter(Boolean).join(' · ')})`;
  const expected = t.expected_24h === null ? '' : `, expected ${formatCount(t.expected_24h)}`;
  switch (kind) {
    case 'theme_rising':
      return `Rising: ${what}: ${t.count_24h} tickets in 24 h${expected}`;
    case 'theme_escalated':
      return `Still rising and doubled: ${what}: ${t.count_24h} tickets in 24 h (${t.previous_count_24h ?? '?'} at the last alert)`;
    case 'theme_recovered':
      return `No longer rising: ${what}: ${t.count_24h} tickets in 24 h${expected}`;
    case 'new_theme':
      return `New theme: ${what}: ${t.count_24h} tickets from ${t.customers_24h} customers in 24 h`;
  }
}

/** The job part of the payload and its one-line summary. Pure. */
export function jobAlert(intent: JobAlertIntent): { job: JobPayload; summary: string } {
  const job: JobPayload = {
    name: intent.job,
    schedule: intent.schedule,
    failures: intent.failures,
    last_run_at: intent.lastRunAt,
    last_error: intent.lastError === null ? null : oneLine(intent.lastError, 300),
    expected_at: intent.expectedAt,
  };
  const summary =
    intent.kind === 'job_failing'
      ? `Job ${intent.job} failed ${intent.failures} times in a row${job.last_error ? `: ${oneLine(job.last_error, 150)}` : ''}`
      : `Job ${intent.job} is overdue: no successful run since ${intent.expectedAt ? `it was due at ${intent.expectedAt}` : 'it was scheduled'}, last run ${intent.lastRunAt ?? 'never'}`;
  return { job, summary };
}

function formatCount(n: number): string {
  return n >= 10 ? String(Math.round(n)) : n.toFixed(1);
}
