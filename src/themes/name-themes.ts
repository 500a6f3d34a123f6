import { TaskFailedError } from '../errors.js';
import type { TaskContext } from '../worker/run-task.js';
import { MAX_THEMES_PER_CALL, namingRequest, parseNamingAnswer, type ThemeToName } from './naming-prompt.js';
import { openThemesClaude } from './themes-claude.js';
import { writeNames } from './trends-store.js';

/**
 * Names and describes the largest live themes (up to MAX_THEMES_PER_CALL) in one Claude call and
 * stores the names; later runs keep them. The SDK loads only here, through themes-claude.ts.
 * Throws AuthError/ConfigError/UnavailableError from the client edge, or TaskFailedError
 * when the answer is not what was asked. Returns how many themes were named.
 */
export async function nameThemesWithClaude(ctx: TaskContext, nowIso: string): Promise<number> {
  const themes = await themesToName(ctx);
  if (themes.length === 0) return 0;
  const claude = await openThemesClaude(ctx, nowIso);
  const answer = await claude.ask((model) => namingRequest(model, themes), 'name_themes');
  let names;
  try {
    names = parseNamingAnswer(answer.text, themes);
  } catch (error) {
    throw new TaskFailedError(`Claude's theme names were not the JSON asked for (stop reason ${answer.stopReason})`, { cause: error });
  }
  await writeNames(ctx.db, names, nowIso);
  return names.length;
}

async function themesToName(ctx: TaskContext): Promise<ThemeToName[]> {
  const rows = await ctx.db
    .selectFrom('clusters as c')
    .innerJoin('issues as i', 'i.cluster_id', 'c.id')
    .where('c.merged_into', 'is', null)
    .groupBy('c.id')
    .select((eb) => ['c.id', 'c.category', 'c.title', 'c.component', eb.fn.count<number>('i.id').as('issues')])
    .orderBy('issues', 'desc')
    .orderBy('c.id')
    .limit(MAX_THEMES_PER_CALL)
    .execute();
  const out: ThemeToName[] = [];
  for (const r of rows) {
    const samples = await ctx.db.selectFrom('issues').where('cluster_id', '=', r.id).select('title').orderBy('id').limit(5).execute();
    out.push({ id: r.id, category: r.category, title: r.title, component: r.component, tickets: Number(r.issues), samples: samples.map((s) => s.title) });
  }
  return out;
}
