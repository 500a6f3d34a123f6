import type { Config } from '../config.js';
import { ConfigError } from '../errors.js';
import { Secret } from '../secret.js';

export type ChannelName = 'slack' | 'webhook' | 'email';

/** How delivery retries: within one run, then across runs until `maxAttempts`. */
export interface RetryPolicy {
  /** Attempts per delivery within one run before it waits for the next run. */
  attemptsPerRun: number;
  /** Attempts in all before a delivery is given up as failed. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited out in the run: the next run retries. */
  maxWaitMs: number;
}

/** Everything about alerts the environment (or .env) says. Secrets stay Secret objects. */
export interface AlertSettings {
  slack?: { url: Secret; target: string };
  webhook?: { url: Secret; target: string; secret?: Secret };
  email?: { to: string[]; from?: string; sendmailPath: string };
  /** Least time between two alerts of one rising episode (ISSUETRACK_ALERT_COOLDOWN, default 24h). */
  cooldownMs: number;
  /** Also alert when a theme stops rising (ISSUETRACK_ALERT_ON_RECOVERY=1). */
  onRecovery: boolean;
  /** Tickets in 24 h that make a new theme worth an alert (ISSUETRACK_ALERT_NEW_THEME_TICKETS, default 5). */
  newThemeTickets: number;
  /** One request or sendmail call (ISSUETRACK_ALERT_TIMEOUT, default 10s). */
  timeoutMs: number;
  /** Where `serve` is reachable for people (ISSUETRACK_PUBLIC_URL): links to the dashboard. */
  publicUrl?: string;
  /** https://SUB.zendesk.com: links to the tickets. */
  zendeskBaseUrl?: string;
  retry: RetryPolicy;
}

const DEFAULT_SENDMAIL = '/usr/sbin/sendmail';

/**
 * Reads the alert settings from the configuration. Throws ConfigError (exit 78) on a malformed
 * value, naming the variable but never printing a webhook URL or secret.
 */
export function alertSettings(config: Config): AlertSettings {
  const get = config.setting;
  const slackUrl = get('ISSUETRACK_ALERT_SLACK_WEBHOOK');
  const webhookUrl = get('ISSUETRACK_ALERT_WEBHOOK');
  const webhookSecret = get('ISSUETRACK_ALERT_WEBHOOK_SECRET');
  const email = get('ISSUETRACK_ALERT_EMAIL');
  const from = get('ISSUETRACK_ALERT_EMAIL_FROM');
  const publicUrl = get('ISSUETRACK_PUBLIC_URL');
  const settings: AlertSettings = {
    cooldownMs: durationSetting(get, 'ISSUETRACK_ALERT_COOLDOWN', 24 * 3_600_000),
    onRecovery: flagSetting(get, 'ISSUETRACK_ALERT_ON_RECOVERY'),
    newThemeTickets: countSetting(get, 'ISSUETRACK_ALERT_NEW_THEME_TICKETS', 5),
    timeoutMs: durationSetting(get, 'ISSUETRACK_ALERT_TIMEOUT', 10_000),
    publicUrl: publicUrl ? httpUrl(publicUrl, 'ISSUETRACK_PUBLIC_URL', false).replace(/\/+$/, '') : undefined,
    zendeskBaseUrl: config.zendesk.baseUrl,
    retry: { attemptsPerRun: 3, maxAttempts: 10, baseDelayMs: 1000, maxDelayMs: 30_000, maxWaitMs: 60_000 },
  };
  if (slackUrl) settings.slack = { url: new Secret(httpUrl(slackUrl, 'ISSUETRACK_ALERT_SLACK_WEBHOOK', true)), target: describeUrl(slackUrl) };
  if (webhookUrl) {
    settings.webhook = {
      url: new Secret(httpUrl(webhookUrl, 'ISSUETRACK_ALERT_WEBHOOK', true)),
      target: describeUrl(webhookUrl),
      secret: webhookSecret ? new Secret(webhookSecret) : undefined,
    };
  } else if (webhookSecret) {
    throw new ConfigError('ISSUETRACK_ALERT_WEBHOOK_SECRET is set but ISSUETRACK_ALERT_WEBHOOK is not');
  }
  if (email) settings.email = { to: mailAddresses(email, 'ISSUETRACK_ALERT_EMAIL'), from: from ? mailAddresses(from, 'ISSUETRACK_ALERT_EMAIL_FROM')[0] : undefined, sendmailPath: get('ISSUETRACK_SENDMAIL') ?? DEFAULT_SENDMAIL };
  return settings;
}

/** The channels configured, in the order they are tried. */
export function configuredChannels(settings: AlertSettings): ChannelName[] {
  return (['slack', 'webhook', 'email'] as const).filter((c) => settings[c] !== undefined);
}

/** Where a channel goes, fit to print: a webhook's scheme and host only (its path is the secret). */
export function channelTarget(settings: AlertSettings, channel: ChannelName): string {
  if (channel === 'email') return `sendmail to ${settings.email?.to.join(', ') ?? '?'}`;
  return settings[channel]?.target ?? '?';
}

/** scheme://host/… : what may be shown of a webhook URL. */
export function describeUrl(value: string): string {
  try {
    const url = new URL(value);
    return `${url.protocol}//${url.host}/…`;
  } catch {
    return '(not a URL)';
  }
}

function httpUrl(value: string, name: string, secret: boolean): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} is not a URL${secret ? '' : `: "${value}"`}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError(`${name} must be an http(s) URL, got "${url.protocol}"`);
  return url.href;
}

// One address: no spaces, commas, angle brackets or line breaks, so nothing can add a header.
const ADDRESS = /^[^\s@,<>"]+@[^\s@,<>"]+\.[^\s@,<>"]+$/;

function mailAddresses(value: string, name: string): string[] {
  const list = value.split(',').map((a) => a.trim()).filter(Boolean);
  const bad = list.find((a) => !ADDRESS.test(a));
  if (bad !== undefined || list.length === 0) throw new ConfigError(`${name} must be comma-separated mail addresses like ops@example.com, got "${value.replace(/[\r\n]/g, ' ')}"`);
  return list;
}

function durationSetting(get: (n: string) => string | undefined, name: string, fallback: number): number {
  const value = get(name);
  if (value === undefined) return fallback;
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/.exec(value.trim());
  const ms = match ? Number(match[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(match[2] ?? 's') as 'ms'] : NaN;
  if (!Number.isFinite(ms) || ms <= 0) throw new ConfigError(`${name} must be a duration like 30s, 15m, 24h or 2d, got "${value}"`);
  return ms;
}

function countSetting(get: (n: string) => string | undefined, name: string, fallback: number): number {
  const value = get(name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new ConfigError(`${name} must be a whole number of at least 1, got "${value}"`);
  return Number(value);
}

function flagSetting(get: (n: string) => string | undefined, name: string): boolean {
  const value = get(name)?.trim().toLowerCase();
  if (value === undefined) return false;
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(`${name} must be 1 or 0, got "${value}"`);
}
