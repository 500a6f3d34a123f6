import { isoAt, type Clock } from '../clock.js';
import { sparkline } from '../report/sparkline.js';
import type { AlertPayload } from './alert-payload.js';
import { channelTarget, configuredChannels, type AlertSettings } from './alert-settings.js';
import { buildSenders } from './channels.js';
import { sendWithRetries } from './send-with-retries.js';

export interface TestSendOutcome {
  channel: string;
  target: string;
  status: 'sent' | 'failed';
  attempts: number;
  error: string | null;
}

/** A sample alert that looks like a real one, marked as a test everywhere it shows. Pure. */
export function samplePayload(settings: AlertSettings, nowMs: number): AlertPayload {
  const daily = [1, 0, 2, 1, 1, 0, 1, 2, 1, 0, 1, 1, 3, 12];
  const ticket = (id: number, subject: string) => ({ id, subject, url: settings.zendeskBaseUrl ? `${settings.zendeskBaseUrl}/agent/tickets/${id}` : null });
  return {
    version: 1,
    id: `test:${isoAt(nowMs)}`,
    kind: 'test',
    created_at: isoAt(nowMs),
    summary: 'Test alert from issuetrack: this is how a rising theme will look (nothing is rising)',
    theme: {
      id: 0,
      title: 'Sample: Android app crashes when uploading a photo',
      category: 'bug',
      component: 'android app',
      count_24h: 12,
      expected_24h: 1.1,
      previous_count_24h: null,
      count_7d: 18,
      customers_24h: 9,
      rising: true,
      rising_since: isoAt(nowMs),
      first_seen: isoAt(nowMs - 30 * 86_400_000),
      daily_14d: daily,
      sparkline: sparkline(daily),
      url: settings.publicUrl ? `${settings.publicUrl}/api/issues` : null,
      tickets: [ticket(1001, 'App closes when I pick a photo'), ticket(1002, 'Crash on upload from gallery ([EMAIL])')],
    },
    job: null,
    dashboard_url: settings.publicUrl ? `${settings.publicUrl}/` : null,
  };
}

/**
 * Sends the sample to every configured channel with the run's retry rules (Retry-After on 429,
 * backoff on 5xx and timeouts, within one call) and says what each did. Records nothing. Throws only
 * the abort reason.
 */
export async function sendTestAlerts(settings: AlertSettings, clock: Clock, signal: AbortSignal): Promise<TestSendOutcome[]> {
  const payload = samplePayload(settings, clock.now());
  const json = JSON.stringify(payload);
  const senders = buildSenders(settings, clock);
  const out: TestSendOutcome[] = [];
  for (const channel of configuredChannels(settings)) {
    const sender = senders.get(channel)!;
    const sent = await sendWithRetries({ send: () => sender(json, payload.id, signal), policy: { ...settings.retry, maxAttempts: settings.retry.attemptsPerRun }, previousAttempts: 0, signal, random: Math.random });
    out.push({
      channel,
      target: channelTarget(settings, channel),
      status: sent.result.ok ? 'sent' : 'failed',
      attempts: sent.attempts,
      error: sent.result.ok ? null : sent.result.error,
    });
  }
  return out;
}
