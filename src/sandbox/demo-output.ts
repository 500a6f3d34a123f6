import { shellWord } from '../output/command-word.js';
import { plainReporter, silentReporter, type Reporter } from '../output/reporter.js';
import { spinnerAllowed, type Terminal } from '../output/terminal.js';
import type { DemoResult } from './run-demo.js';

/** What `demo` prints around the theme table (the table itself is `issues`' renderer). */

export interface DemoOutputOptions {
  json?: boolean;
  verbose?: boolean;
  quiet?: boolean;
}

/**
 * The progress reporter of a demo run: timestamped lines with --verbose, the spinner for a
 * person at a terminal, otherwise nothing. No log file: a demo is not a run of the user's
 * installation, and its lines would mix with the real runs' log.
 */
export async function demoReporter(opts: DemoOutputOptions, term: Terminal, now: () => number): Promise<Reporter> {
  if (opts.verbose) return plainReporter((line) => term.stderr.write(line), now);
  if (opts.quiet || opts.json || !spinnerAllowed(term)) return silentReporter;
  const { spinnerReporter } = await import('../output/spinner-reporter.js');
  return spinnerReporter();
}

/** The lines on stderr before the run: what is about to happen, and that it stays local. */
export function demoHeader(): string {
  return [
    'issuetrack demo: a sample inbox of Tallyo, a made-up invoicing app (about 400 tickets over 35 days).',
    'Zendesk and Claude are local stand-ins on 127.0.0.1: no network, no credentials, nothing sent anywhere.',
    'Running the real pipeline: sync → analyze → trends...',
    '',
  ].join('\n');
}

/**
 * The lines on stderr after the table: what the run did and how to look further. `command` is how
 * to start issuetrack here, spelt so that it works as typed (output/command-word.ts).
 */
export function demoHints(result: DemoResult, command = 'issuetrack'): string {
  const r = result.record.result;
  const sync = r?.sync && 'tickets_upserted' in r.sync ? r.sync : undefined;
  const analyze = r?.analyze && 'tickets_analyzed' in r.analyze ? r.analyze : undefined;
  const trends = r?.trends && 'clusters' in r.trends ? r.trends : undefined;
  const db = shellWord(result.dbPath);
  return [
    '',
    `Synced ${sync?.tickets_upserted ?? 0} tickets (${sync?.tickets_deleted ?? 0} deleted) and ${sync?.comments_fetched ?? 0} comments, analysed ${analyze?.tickets_analyzed ?? 0} tickets into ${analyze?.issues_extracted ?? 0} issues, grouped into ${trends?.clusters ?? 0} themes (${trends?.rising.length ?? 0} rising) in ${(result.record.duration_ms / 1000).toFixed(1)} s.`,
    `Personal data was redacted before analysis: ${result.sandbox.pii_sent_to_claude} of the planted emails, phone numbers and names reached the Claude stand-in.`,
    '',
    `The demo database is ${result.dbPath}. Explore it:`,
    `  ${command} issues --db ${db}`,
    `  ${command} issues --rising --db ${db}`,
    `  ${command} issues show ${result.themes[0]?.id ?? 1} --db ${db}`,
    `  ${command} report --format html --out r.html --db ${db}`,
    '',
  ].join('\n');
}

/** `demo --json`: one object; `pipeline` is the run record, `themes` what `issues --json` prints. */
export function demoJson(result: DemoResult): string {
  return JSON.stringify({ db: result.dbPath, pipeline: result.record, themes: result.themes, sandbox: result.sandbox }) + '\n';
}
