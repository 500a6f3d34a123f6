import { describe, expect, it } from 'vitest';
import { checkAnswer } from '../../src/analysis/validate-answer.js';

const issue = { title: 'CSV export times out for large reports', category: 'performance', component: 'CSV Export', severity: 'high', summary: 's', evidence: 'e' };
const answer = { is_product_issue: true, issues: [issue], language: 'EN', sentiment: 'negative' };
const text = (value: unknown, stop = 'end_turn') => ({ stop_reason: stop, content: [{ type: 'text', text: JSON.stringify(value) }] });

describe('checkAnswer', () => {
  it('accepts a structured-output text answer and normalises component and language', () => {
    const r = checkAnswer(text(answer));
    expect(r.ok && r.answer.issues[0]!.component).toBe('csv export');
    expect(r.ok && r.answer.language).toBe('en');
  });
  it('accepts the tool_use shape', () => {
    expect(checkAnswer({ stop_reason: 'tool_use', content: [{ type: 'tool_use', input: answer }] }).ok).toBe(true);
  });
  it('rejects a category outside the fixed list', () => {
    expect(checkAnswer(text({ ...answer, issues: [{ ...issue, category: 'crash' }] }))).toMatchObject({ ok: false, reason: expect.stringMatching(/^invalid answer: issues\.0\.category/) });
  });
  it('rejects a severity outside the fixed list and a missing field', () => {
    expect(checkAnswer(text({ ...answer, issues: [{ ...issue, severity: 'blocker' }] })).ok).toBe(false);
    expect(checkAnswer(text({ ...answer, issues: undefined })).ok).toBe(false);
    expect(checkAnswer(text({ ...answer, issues: [{ ...issue, title: undefined }] })).ok).toBe(false);
  });
  it('reports refusal, max_tokens and non-JSON text as reasons', () => {
    expect(checkAnswer({ stop_reason: 'refusal', content: [] })).toEqual({ ok: false, reason: 'refusal: the model declined to answer' });
    expect(checkAnswer(text(answer, 'max_tokens'))).toEqual({ ok: false, reason: 'max_tokens: the answer was cut off' });
    expect(checkAnswer({ stop_reason: 'end_turn', content: [{ type: 'text', text: 'Sure! {' }] })).toMatchObject({ ok: false, reason: expect.stringMatching(/^invalid answer: not JSON/) });
  });
  it('cuts titles to 80 characters at a word and drops redaction placeholders', () => {
    const long = 'Exporting the very large quarterly revenue report to CSV times out for [NAME] after five whole minutes';
    const r = checkAnswer(text({ ...answer, issues: [{ ...issue, title: long }] }));
    expect(r.ok).toBe(true);
    const title = r.ok ? r.answer.issues[0]!.title : '';
    expect(title.length).toBeLessThanOrEqual(80);
    expect(title).not.toContain('[NAME]');
    expect(long.startsWith(title.split(' ').slice(0, 5).join(' '))).toBe(true);
  });
  it('normalises case and spacing of enum values but keeps the list closed', () => {
    const r = checkAnswer(text({ ...answer, sentiment: 'Negative', issues: [{ ...issue, category: 'Feature request', severity: 'HIGH', component: null }] }));
    expect(r.ok && [r.answer.sentiment, r.answer.issues[0]!.category, r.answer.issues[0]!.severity, r.answer.issues[0]!.component]).toEqual(['negative', 'feature_request', 'high', '']);
  });
  it('stores a missing language or sentiment as null rather than failing the ticket', () => {
    const r = checkAnswer(text({ is_product_issue: false, issues: [] }));
    expect(r).toEqual({ ok: true, answer: { is_product_issue: false, issues: [], language: null, sentiment: null, issues_dropped: 0 } });
  });
  it('treats issues as the truth for is_product_issue', () => {
    const r = checkAnswer(text({ ...answer, is_product_issue: false }));
    expect(r.ok && r.answer.is_product_issue).toBe(true);
  });
});
