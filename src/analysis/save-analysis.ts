import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { Answer } from './validate-answer.js';

/** What identifies the input an outcome belongs to. */
export interface AnalysisKey {
  ticketId: number;
  ticketCreatedAt: string;
  inputHash: string;
  sourceStamp: string;
  promptVersion: string;
  model: string;
  mode: 'live' | 'batch';
}

/**
 * Stores a validated answer inside a transaction the caller holds (live analysis records the
 * call's usage in it, batch collection its own writes): the ticket's analysis row becomes
 * `analyzed` and its issues are replaced (cluster ids of the old issues go with them; `trends`
 * places the new ones). Idempotent. Returns the number of issues stored, or 0 if the ticket is gone.
 */
export async function saveAnswerIn(trx: Kysely<Database>, key: AnalysisKey, answer: Answer, nowIso: string): Promise<number> {
  {
    const exists = await trx.selectFrom('tickets').select('id').where('id', '=', key.ticketId).executeTakeFirst();
    if (!exists) return 0;
    await trx.deleteFrom('issues').where('ticket_id', '=', key.ticketId).execute();
    if (answer.issues.length) {
      await trx
        .insertInto('issues')
        .values(
          answer.issues.map((issue, position) => ({
            ticket_id: key.ticketId,
            position,
            title: issue.title,
            category: issue.category,
            component: issue.component || null,
            severity: issue.severity,
            summary: issue.summary || null,
            evidence: issue.evidence || null,
            cluster_id: null,
            suggested_cluster_id: issue.theme_id,
            created_at: key.ticketCreatedAt,
          })),
        )
        .execute();
    }
    await trx
      .insertInto('ticket_analyses')
      .values({
        ticket_id: key.ticketId,
        status: 'analyzed',
        input_hash: key.inputHash,
        source_stamp: key.sourceStamp,
        prompt_version: key.promptVersion,
        model: key.model,
        mode: key.mode,
        is_product_issue: answer.is_product_issue ? 1 : 0,
        language: answer.language,
        sentiment: answer.sentiment,
        // Not an error: the note that the answer was cut (export shows it as analysis_error).
        error: answer.issues_dropped ? `kept the ${answer.issues.length} most severe of ${answer.issues.length + answer.issues_dropped} issues` : null,
        attempts: 0,
        analyzed_at: nowIso,
      })
      .onConflict((oc) =>
        oc.column('ticket_id').doUpdateSet((eb) => ({
          status: eb.ref('excluded.status'),
          input_hash: eb.ref('excluded.input_hash'),
          source_stamp: eb.ref('excluded.source_stamp'),
          prompt_version: eb.ref('excluded.prompt_version'),
          model: eb.ref('excluded.model'),
          mode: eb.ref('excluded.mode'),
          is_product_issue: eb.ref('excluded.is_product_issue'),
          language: eb.ref('excluded.language'),
          sentiment: eb.ref('excluded.sentiment'),
          error: eb.ref('excluded.error'),
          attempts: 0,
          analyzed_at: eb.ref('excluded.analyzed_at'),
        })),
      )
      .execute();
    return answer.issues.length;
  }
}

/**
 * Records that the ticket could not be analysed, with the reason. Its earlier issues (if a
 * previous analysis succeeded) stay; the status `failed` makes the next run retry it.
 * Idempotent apart from the attempt counter.
 */
export async function saveFailure(db: Kysely<Database>, key: AnalysisKey, reason: string, nowIso: string): Promise<void> {
  const exists = await db.selectFrom('tickets').select('id').where('id', '=', key.ticketId).executeTakeFirst();
  if (!exists) return;
  await db
    .insertInto('ticket_analyses')
    .values({
      ticket_id: key.ticketId,
      status: 'failed',
      input_hash: key.inputHash,
      source_stamp: key.sourceStamp,
      prompt_version: key.promptVersion,
      model: key.model,
      mode: key.mode,
      is_product_issue: null,
      language: null,
      sentiment: null,
      error: reason.slice(0, 500),
      attempts: 1,
      analyzed_at: nowIso,
    })
    .onConflict((oc) =>
      oc.column('ticket_id').doUpdateSet({
        status: 'failed',
        input_hash: key.inputHash,
        source_stamp: key.sourceStamp,
        prompt_version: key.promptVersion,
        model: key.model,
        mode: key.mode,
        error: reason.slice(0, 500),
        attempts: sql`ticket_analyses.attempts + 1`,
        analyzed_at: nowIso,
      }),
    )
    .execute();
}
