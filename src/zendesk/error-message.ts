import { replaceTags } from '../text/linear-markup.js';

/**
 * Zendesk's own words from an error body, on one line, whatever its shape (research/zendesk.md
 * §1): `{"error":"…","description":"…"}`, `{"error":{"title":"…","message":"…"}}`, the edge
 * protection's `{"detail":"…"}`, OAuth's `{"error_description":"…"}`, or plain text.
 * Pure; never throws. Cut at 300 characters so one line stays one line.
 */
export function zendeskErrorMessage(body: string): string {
  let message: string | undefined;
  try {
    message = fromJson(JSON.parse(body) as unknown);
  } catch {
    message = undefined;
  }
  message ??= replaceTags(body, /<[^>]*>/g, ' ');
  const line = message.replace(/\s+/g, ' ').trim();
  if (line === '') return 'no message';
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

function fromJson(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof v.error === 'string') parts.push(v.error);
  if (typeof v.error === 'object' && v.error !== null) {
    const e = v.error as Record<string, unknown>;
    for (const key of ['title', 'message']) if (typeof e[key] === 'string') parts.push(e[key] as string);
  }
  for (const key of ['description', 'error_description', 'detail']) if (typeof v[key] === 'string') parts.push(v[key] as string);
  return parts.length ? parts.join(': ') : undefined;
}
