/** The only source of "now" below cli.ts, so tests can drive time. Milliseconds since the epoch. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** ISO 8601 UTC with milliseconds: the one timestamp format stored in the database. */
export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}
