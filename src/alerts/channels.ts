import type { Clock } from '../clock.js';
import type { AlertPayload } from './alert-payload.js';
import type { AlertSettings, ChannelName } from './alert-settings.js';
import { postOnce } from './http-post.js';
import { mailMessage } from './mail-message.js';
import { sendmail } from './sendmail.js';
import type { Sender } from './send-result.js';
import { slackMessage } from './slack-message.js';
import { signatureHeader, SIGNATURE_HEADER } from './webhook-signature.js';

/**
 * One sender per configured channel. The webhook gets the payload as stored, byte for byte, with
 * `Idempotency-Key` (the alert id, the same on every attempt) and, with a secret, the signature.
 * Slack has no idempotency key: a repeat after a crash between its 200 and our record is possible
 * there, and only there.
 */
export function buildSenders(settings: AlertSettings, clock: Clock): Map<ChannelName, Sender> {
  const senders = new Map<ChannelName, Sender>();
  const { slack, webhook, email } = settings;
  if (slack) {
    senders.set('slack', (json, _key, signal) => {
      const body = JSON.stringify(slackMessage(JSON.parse(json) as AlertPayload));
      return postOnce({ url: slack.url.reveal(), target: `Slack ${slack.target}`, body, headers: {}, timeoutMs: settings.timeoutMs, nowMs: clock.now() }, signal);
    });
  }
  if (webhook) {
    senders.set('webhook', (json, key, signal) => {
      const nowMs = clock.now();
      const headers: Record<string, string> = { 'idempotency-key': key };
      if (webhook.secret) headers[SIGNATURE_HEADER] = signatureHeader(webhook.secret.reveal(), json, Math.floor(nowMs / 1000));
      return postOnce({ url: webhook.url.reveal(), target: `webhook ${webhook.target}`, body: json, headers, timeoutMs: settings.timeoutMs, nowMs }, signal);
    });
  }
  if (email) {
    senders.set('email', (json, _key, signal) =>
      sendmail(email.sendmailPath, mailMessage(JSON.parse(json) as AlertPayload, email.to, email.from, clock.now()), settings.timeoutMs, signal),
    );
  }
  return senders;
}
