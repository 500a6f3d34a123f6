import { isoAt } from '../clock.js';
import type { TaskContext } from '../worker/run-task.js';
import { Clustering, type ExistingTheme, type PendingIssue } from './clustering.js';
import { consolidateThemesWithClaude, type Consolidation } from './consolidate-themes.js';
import { mergeResolver } from './merge-resolver.js';
import { nameThemesWithClaude } from './name-themes.js';
import { suggestedPlacement } from './suggested-placement.js';
import { buildIdf } from './term-weights.js';
import { labelTheme, type LabelMember } from './theme-labels.js';
import { tokeniseIssues, type TermCounts, type TermWord } from './tokenize.js';
import { loadClusters, loadIssues, writePlacements, type IssueRow, type LabelUpdate, type NewTheme } from './trends-store.js';
import { updateThemeStats, type ThemeOutcomesHook } from './update-stats.js';

export interface TrendsOptions {
  /** Name and describe the themes with one Claude call (needs ANTHROPIC_API_KEY). */
  nameWithClaude?: boolean;
  /** Ask Claude which candidate near-duplicate themes are one problem, and merge those. */
  consolidateWithClaude?: boolean;
  /** Called inside the transaction that stores the themes' numbers (the alert outbox). */
  onThemeOutcomes?: ThemeOutcomesHook;
}

/** The `trends --json` result (DESIGN.md: clusters and rising are stable fields). */
export interface TrendsResult extends Record<string, unknown> {
  /** Live (not merged) themes after this run. */
  clusters: number;
  /** Ids of the themes rising now, ascending. */
  rising: number[];
  issues_placed: number;
  /** Of issues_placed, those placed where Claude's answer (or its merged theme's survivor) said. */
  issues_placed_by_claude: number;
  themes_created: number;
  themes_merged: number;
  themes_named: number;
  /** Merges Claude asked for in this run (recorded in cluster_merges with the reason). */
  themes_consolidated: number;
  consolidated: Array<{ from: number; into: number; reason: string }>;
}

/**
 * The trends task: places every unclustered issue into the nearest theme of its category (or a
 * new one), merges near-duplicate themes (recorded in cluster_merges), relabels the themes that
 * changed, then recomputes every theme's counts, baselines and rising state at ctx.clock.now().
 * Run it under runTask(deps, 'trends', params, (ctx) => trends(ctx, opts)). Crash-only: placements
 * and merges commit together, and the numbers are rewritten whole, so a rerun completes the work.
 * Throws only what ends the run (database errors, the abort reason, Claude auth/config errors).
 */
export async function trends(ctx: TaskContext, opts: TrendsOptions = {}): Promise<TrendsResult> {
  const nowMs = ctx.clock.now();
  const nowIso = isoAt(nowMs);
  ctx.progress({ phase: 'trends: loading' });
  const [issues, clusters] = await Promise.all([loadIssues(ctx.store), loadClusters(ctx.db)]);
  ctx.signal.throwIfAborted();

  const tokens = tokeniseIssues(issues);
  const terms = tokens.map((t) => t.terms);
  const idf = buildIdf(terms);
  const live = new Map(clusters.filter((c) => c.merged_into === null).map((c) => [c.id, c]));
  const mergedInto = new Map(clusters.filter((c) => c.merged_into !== null).map((c) => [c.id, c.merged_into!]));
  const liveId = (id: number) => {
    let k = id;
    for (let guard = 0; mergedInto.has(k) && guard < 1000; guard++) k = mergedInto.get(k)!;
    return k;
  };

  const members = new Map<number, number[]>(); // theme id → indexes into `issues`
  const pending: PendingIssue[] = [];
  const suggested = new Map<number, number>(); // issue id → the live theme Claude's answer named
  const suggestedMembers = new Map<number, number[]>();
  issues.forEach((issue, i) => {
    if (issue.cluster_id === null) {
      const target = suggestedPlacement(issue.suggested_cluster_id, { live, mergedInto });
      if (target === null) pending.push({ id: issue.id, category: issue.category, terms: terms[i]! });
      else {
        suggested.set(issue.id, target);
        const list = suggestedMembers.get(target);
        if (list) list.push(i);
        else suggestedMembers.set(target, [i]);
      }
      return;
    }
    const id = liveId(issue.cluster_id);
    let list = members.get(id);
    if (!list) members.set(id, (list = []));
    list.push(i);
  });
  const existing: ExistingTheme[] = [...live.values()].map((c) => ({
    id: c.id,
    category: c.category,
    members: [...(members.get(c.id) ?? []), ...(suggestedMembers.get(c.id) ?? [])].map((i) => terms[i]!),
  }));

  ctx.progress({ phase: 'trends: placing issues', done: 0, total: pending.length });
  const clustering = new Clustering(idf, existing);
  const placed = clustering.place(pending);
  ctx.progress({ phase: 'trends: merging themes' });
  const merges = clustering.mergePass();
  ctx.signal.throwIfAborted();

  // New themes that merged away in this very run were never shown to anyone: just fold them.
  const placements = new Map<number, number>();
  const afterMerges = mergeResolver(merges);
  for (const [issueId, key] of placed) placements.set(issueId, afterMerges(key));
  for (const [issueId, id] of suggested) placements.set(issueId, afterMerges(id));
  const recordedMerges = merges.filter((m) => m.from > 0);
  const afterRecorded = mergeResolver(recordedMerges);

  const touched = new Set<number>(placements.values());
  for (const m of recordedMerges) touched.add(m.into);
  const finalMembers = new Map<number, number[]>();
  const addMember = (key: number, index: number) => {
    let list = finalMembers.get(key);
    if (!list) finalMembers.set(key, (list = []));
    list.push(index);
  };
  for (const [id, list] of members) for (const i of list) addMember(afterRecorded(id), i);
  // Every unplaced issue has a placement now: found by walking `issues`, not through a map from
  // issue id to index (100k entries at 100k issues). A label does not depend on its members' order.
  issues.forEach((issue, i) => {
    if (issue.cluster_id === null) addMember(placements.get(issue.id)!, i);
  });

  const newThemes: NewTheme[] = [];
  const labels: LabelUpdate[] = [];
  for (const theme of clustering.liveThemes()) {
    if (!touched.has(theme.key)) continue;
    const label = labelTheme(labelMembers(finalMembers.get(theme.key) ?? [], issues, tokens), theme.centroid, idf);
    if (theme.key < 0) {
      newThemes.push({ key: theme.key, category: theme.category, ...label });
    } else {
      const keepTitle = live.get(theme.key)?.title_source === 'claude';
      labels.push({ id: theme.key, title: keepTitle ? null : label.title, component: label.component, keywords: label.keywords });
    }
  }
  const ids = await writePlacements(ctx.store, { newThemes, placements, merges: recordedMerges, labels, runId: ctx.runId, nowIso });
  ctx.signal.throwIfAborted();

  let consolidated: Consolidation[] = [];
  if (opts.consolidateWithClaude) {
    ctx.progress({ phase: 'trends: consolidating themes with Claude' });
    consolidated = await consolidateThemesWithClaude(ctx, nowIso);
  }

  let named = 0;
  if (opts.nameWithClaude) {
    ctx.progress({ phase: 'trends: naming themes with Claude' });
    named = await nameThemesWithClaude(ctx, nowIso);
  }

  ctx.progress({ phase: 'trends: counting' });
  const afterConsolidation = mergeResolver(consolidated);
  const clusterOf = (issue: IssueRow): number | null => {
    const key = placements.get(issue.id) ?? (issue.cluster_id === null ? null : afterRecorded(liveId(issue.cluster_id)));
    if (key === null || key === undefined) return null;
    const id = key > 0 ? key : (ids.get(key) ?? null);
    return id === null ? null : afterConsolidation(id);
  };
  const { liveThemes, rising } = await updateThemeStats(ctx.store, issues, clusterOf, nowMs, opts.onThemeOutcomes);
  return {
    clusters: liveThemes,
    rising,
    issues_placed: placements.size,
    issues_placed_by_claude: suggested.size,
    themes_created: newThemes.length,
    themes_merged: recordedMerges.length,
    themes_named: named,
    themes_consolidated: consolidated.length,
    consolidated: consolidated.map((m) => ({ from: m.from, into: m.into, reason: m.reason })),
  };
}

function labelMembers(indexes: number[], issues: IssueRow[], tokens: Array<{ terms: TermCounts; words: TermWord[] }>): LabelMember[] {
  return indexes.map((i) => ({ id: issues[i]!.id, title: issues[i]!.title, component: issues[i]!.component, terms: tokens[i]!.terms, words: tokens[i]!.words }));
}
