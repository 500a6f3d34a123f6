import { sql } from 'kysely';
import { TaskFailedError } from '../errors.js';
import type { TaskContext } from '../worker/run-task.js';
import { consolidationCandidates, packGroups } from './consolidation-candidates.js';
import { consolidationRequest, parseConsolidationAnswer, type ThemeToJudge } from './consolidation-prompt.js';
import { openThemesClaude } from './themes-claude.js';
import { writePlacements, type MergeToRecord } from './trends-store.js';

/** One merge Claude asked for, as recorded in cluster_merges. */
export interface Consolidation {
  from: number;
  into: number;
  /** The local cosine between the two themes' text (cluster_merges.similarity). */
  similarity: number;
  reason: string;
}

const SAMPLES_PER_THEME = 3;

/**
 * `trends --consolidate-with-claude`: finds groups of candidate near-duplicate live themes
 * locally (consolidation-candidates.ts), asks Claude in one structured-output call per up to 300
 * themes which of each group are the same problem, and merges those through the recorded merge
 * path (cluster_merges with the reason and this run's id; issues follow to the survivor, which is
 * the theme with the most issues, then the oldest). Each call's merges are written before the
 * next call, so a crash keeps what was paid for. Returns the merges in the order made.
 * Throws ConfigError/AuthError/UnavailableError from the client edge, TaskFailedError when an
 * answer is not the JSON asked for, or the abort reason.
 */
export async function consolidateThemesWithClaude(ctx: TaskContext, nowIso: string): Promise<Consolidation[]> {
  const themes = await ctx.db.selectFrom('clusters').select(['id', 'title', 'component', 'keywords', 'category']).where('merged_into', 'is', null).orderBy('id').execute();
  const { groups, index } = consolidationCandidates(themes);
  if (groups.length === 0) return [];
  const judged = await themesToJudge(ctx, themes, groups.flat());
  const claude = await openThemesClaude(ctx, nowIso);
  const made: Consolidation[] = [];
  for (const call of packGroups(groups)) {
    ctx.signal.throwIfAborted();
    const shown = call.map((group) => group.map((id) => judged.get(id)!));
    const answer = await claude.ask((model) => consolidationRequest(model, shown), 'consolidate_themes');
    let sets;
    try {
      sets = parseConsolidationAnswer(answer.text, shown);
    } catch (error) {
      throw new TaskFailedError(`Claude's answer on near-duplicate themes was not the JSON asked for (stop reason ${answer.stopReason})`, { cause: error });
    }
    const merges: Array<MergeToRecord & { reason: string }> = [];
    for (const set of sets) {
      const into = set.ids.reduce((best, id) => (judged.get(id)!.issues > judged.get(best)!.issues ? id : best));
      for (const from of set.ids) {
        if (from !== into) merges.push({ from, into, similarity: Math.round(index.similarity(from, into) * 1e6) / 1e6, reason: `claude: ${set.reason}` });
      }
    }
    if (merges.length) await writePlacements(ctx.store, { newThemes: [], placements: new Map(), merges, labels: [], runId: ctx.runId, nowIso });
    made.push(...merges);
  }
  return made;
}

/** What Claude is shown of each candidate: its text, how many issues it holds, a few of their titles. */
async function themesToJudge(
  ctx: TaskContext,
  themes: ReadonlyArray<{ id: number; title: string; component: string | null; category: string }>,
  ids: number[],
): Promise<Map<number, ThemeToJudge>> {
  const wanted = new Set(ids);
  const out = new Map<number, ThemeToJudge>();
  for (const t of themes) {
    if (wanted.has(t.id)) out.set(t.id, { id: t.id, category: t.category, title: t.title, component: t.component, issues: 0, samples: [] });
  }
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const counts = await ctx.db
      .selectFrom('issues')
      .select((eb) => ['cluster_id', eb.fn.countAll<number>().as('n')])
      .where('cluster_id', 'in', chunk)
      .groupBy('cluster_id')
      .execute();
    for (const c of counts) out.get(c.cluster_id!)!.issues = Number(c.n);
    // The first few titles of each theme only: a large theme may hold tens of thousands of issues.
    const { rows } = await sql<{ cluster_id: number; title: string }>`
      SELECT cluster_id, title FROM (
        SELECT cluster_id, title, id, row_number() OVER (PARTITION BY cluster_id ORDER BY id) AS n
        FROM issues WHERE cluster_id IN (${sql.join(chunk)})
      ) AS firsts WHERE n <= ${SAMPLES_PER_THEME * 3} ORDER BY cluster_id, id`.execute(ctx.db);
    for (const r of rows) {
      const theme = out.get(r.cluster_id!)!;
      if (theme.samples.length < SAMPLES_PER_THEME && !theme.samples.includes(r.title)) theme.samples.push(r.title);
    }
  }
  return out;
}
