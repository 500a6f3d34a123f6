import { parseRetryAfterMs } from '../retry-timing.js';
import { oneLine } from './plain-text.js';
import type { SendResult } from './send-result.js';

export interface PostSpec {
  url: string;
  /** Printable stand-in for the URL (scheme and host): the path of a webhook is its secret. */
  target: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  nowMs: number;
}

/**
 * POSTs once and classifies the answer: 2xx sent; 429 and 408 retry (after Retry-After when given);
 * other 4xx are permanent (Slack answers 400 invalid_payload, 403 action_prohibited, 404
 * channel_not_found, 410 channel_is_archived: api.slack.com/changelog/2016-05-17-changes-to-errors-
 * for-incoming-webhooks); 5xx, timeouts and connection failures retry. Never throws, except the
 * run's abort reason once `signal` aborts.
 */
export async function postOnce(spec: PostSpec, signal: AbortSignal): Promise<SendResult> {
  signal.throwIfAborted();
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error('timeout'));
  }, spec.timeoutMs);
  try {
    const response = await fetch(spec.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'issuetrack-alerts', ...spec.headers },
      body: spec.body,
      signal: controller.signal,
      redirect: 'error', // a redirect would carry the body somewhere nobody configured
    });
    const text = oneLine(await response.text(), 200);
    if (response.ok) return { ok: true };
    const status = response.status;
    const error = `${spec.target}: HTTP ${status}${text ? ` ${text}` : ''}`;
    if (status === 429 || status === 408) {
      return { ok: false, permanent: false, retryAfterMs: parseRetryAfterMs(response.headers.get('retry-after'), spec.nowMs), error };
    }
    return { ok: false, permanent: status >= 400 && status < 500, error };
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    const reason = timedOut ? `no answer within ${spec.timeoutMs} ms` : networkReason(error);
    return { ok: false, permanent: false, error: `${spec.target}: ${reason}` };
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
}

/** undici's "fetch failed" hides the reason in `cause`; its code names no URL path. */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.code) return `connection failed (${cause.code})`;
  return 'connection failed';
}
