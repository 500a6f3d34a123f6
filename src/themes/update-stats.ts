import type { Kysely } from 'kysely';
import { isoAt } from '../clock.js';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { detectRising, nextRisingState, priorFor } from './rising.js';
import { computeThemeStats, type ThemeEvent, type ThemeStats } from './theme-stats.js';
import { loadClusters, writeStats, type IssueRow, type StatsWrite } from './trends-store.js';

/** One live theme as this run leaves it, with the rising state it had before: what alert rules read. */
export interface ThemeOutcome {
  stats: StatsWrite;
  wasRising: boolean;
  wasRisingSince: string | null;
  /** Distinct customers (organisation, else requester) among the last 24 h's tickets. */
  customers24h: number;
}

/** Runs inside the transaction that stores the numbers, after them (the alert outbox hooks in here). */
export type ThemeOutcomesHook = (trx: Kysely<Database>, outcomes: readonly ThemeOutcome[]) => Promise<void>;

/**
 * Recomputes every live theme's counts, baselines and rising state at `nowMs` and stores them,
 * with `onOutcomes` in the same transaction. Issues of deleted tickets do not count. Returns the
 * number of live themes and the rising ids.
 */
export async function updateThemeStats(
  store: Store,
  issues: readonly IssueRow[],
  clusterOf: (issue: IssueRow) => number | null,
  nowMs: number,
  onOutcomes?: ThemeOutcomesHook,
): Promise<{ liveThemes: number; rising: number[] }> {
  const nowIso = isoAt(nowMs);
  const events: ThemeEvent[] = [];
  let dataStartMs = Infinity;
  for (const issue of issues) {
    const themeId = clusterOf(issue);
    const atMs = Date.parse(issue.created_at);
    if (issue.deleted || themeId === null || !Number.isFinite(atMs)) continue;
    dataStartMs = Math.min(dataStartMs, atMs);
    events.push({ themeId, ticketId: issue.ticket_id, atMs, requesterId: issue.requester_id, organizationId: issue.organization_id, severity: issue.severity });
  }
  const stats = computeThemeStats(events, nowMs, Number.isFinite(dataStartMs) ? dataStartMs : nowMs);
  const prior = priorFor([...stats.values()], nowMs, Number.isFinite(dataStartMs) ? dataStartMs : nowMs);

  const clusters = (await loadClusters(store.db)).filter((c) => c.merged_into === null);
  const rows: StatsWrite[] = [];
  const rising: number[] = [];
  const daily: Array<{ cluster_id: number; day: string; tickets: number }> = [];
  const hourly: Array<{ cluster_id: number; hour: string; tickets: number }> = [];
  const outcomes: ThemeOutcome[] = [];
  for (const cluster of clusters) {
    const s = stats.get(cluster.id);
    const was = { wasRising: cluster.rising === 1, wasRisingSince: cluster.rising_since };
    if (!s) {
      rows.push(emptyStats(cluster.id));
      outcomes.push({ stats: rows[rows.length - 1]!, ...was, customers24h: 0 });
      continue;
    }
    const verdict = detectRising(s, prior);
    const state = nextRisingState({ rising: cluster.rising === 1, risingSince: cluster.rising_since }, verdict.rising, nowIso);
    if (state.rising) rising.push(cluster.id);
    rows.push(statsRow(s, verdict.tests, state));
    outcomes.push({ stats: rows[rows.length - 1]!, ...was, customers24h: s.customers24h });
    for (const [day, tickets] of s.daily) daily.push({ cluster_id: cluster.id, day, tickets });
    for (const [hour, tickets] of s.hourly) hourly.push({ cluster_id: cluster.id, hour, tickets });
  }
  await writeStats(store, rows, daily, hourly, nowIso, onOutcomes && ((trx) => onOutcomes(trx, outcomes)));
  return { liveThemes: clusters.length, rising: rising.sort((a, b) => a - b) };
}

function rate(o: { count: number; exposureDays: number }): number | null {
  return o.exposureDays > 0 ? o.count / o.exposureDays : null;
}

function statsRow(
  s: ThemeStats,
  tests: ReturnType<typeof detectRising>['tests'],
  state: { rising: boolean; risingSince: string | null },
): StatsWrite {
  const [t24, t7] = tests;
  return {
    id: s.themeId,
    issue_count: s.issues,
    ticket_count: s.tickets,
    requester_count: s.requesters,
    organization_count: s.organizations,
    first_seen: isoAt(s.firstSeenMs),
    last_seen: isoAt(s.lastSeenMs),
    count_24h: s.count24h,
    count_7d: s.count7d,
    baseline_7d: rate(s.before24hWeek),
    baseline_28d: rate(s.before24hMonth),
    expected_24h: t24.expected,
    expected_7d: t7.expected,
    p_value_24h: t24.pValue,
    p_value_7d: t7.pValue,
    rising: state.rising ? 1 : 0,
    rising_since: state.risingSince,
  };
}

function emptyStats(id: number): StatsWrite {
  return {
    id, issue_count: 0, ticket_count: 0, requester_count: 0, organization_count: 0, first_seen: null, last_seen: null,
    count_24h: 0, count_7d: 0, baseline_7d: null, baseline_28d: null, expected_24h: null, expected_7d: null,
    p_value_24h: null, p_value_7d: null, rising: 0, rising_since: null,
  };
}
