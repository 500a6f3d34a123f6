import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The generic webhook's signature header, in the shape Stripe made familiar:
 * `X-Issuetrack-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>`.
 * The timestamp is inside the signed text, so a receiver that rejects old timestamps defeats
 * replays. Pure.
 */
export const SIGNATURE_HEADER = 'x-issuetrack-signature';

export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${hmac(secret, `${unixSeconds}.${body}`)}`;
}

/**
 * What a receiver does (README shows it; tests use it): true when `header` signs `body` with
 * `secret` and its timestamp is within `toleranceS` of `nowS`. Constant-time comparison.
 */
export function verifySignature(secret: string, body: string, header: string | undefined, nowS: number, toleranceS = 300): boolean {
  const parts = new Map((header ?? '').split(',').map((kv) => kv.split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || Math.abs(nowS - t) > toleranceS || !/^[0-9a-f]{64}$/.test(v1)) return false;
  return timingSafeEqual(Buffer.from(v1, 'hex'), Buffer.from(hmac(secret, `${t}.${body}`), 'hex'));
}

function hmac(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('hex');
}
