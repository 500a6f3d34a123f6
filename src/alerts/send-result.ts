/** What one attempt to hand an alert to a channel came to. */
export type SendResult =
  | { ok: true }
  | {
      ok: false;
      /** True for what retrying cannot fix (a 4xx other than 408/429, a missing sendmail). */
      permanent: boolean;
      /** From Retry-After, when the receiver said how long to wait. */
      retryAfterMs?: number;
      /** One line naming the channel's target (never a webhook's path), status and reason. */
      error: string;
    };

/** Sends one alert payload; never throws except the run's abort reason. */
export type Sender = (payloadJson: string, idempotencyKey: string, signal: AbortSignal) => Promise<SendResult>;
