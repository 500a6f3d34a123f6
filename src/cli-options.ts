import { InvalidArgumentError } from 'commander';

/** Commander argParser for an integer within [min, max]; a bad value exits 64 with one line. */
export function integerIn(min: number, max: number) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}, got "${value}"`);
    const n = Number(value);
    if (n < min || n > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}, got ${n}`);
    return n;
  };
}

/** Commander argParser for an amount from `min` to `max` written in decimal digits (USD and the like). */
export function amountIn(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value.trim()) || !Number.isFinite(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected an amount from ${min} to ${max}, got "${value}"`);
    }
    return n;
  };
}

const MAX_WINDOW_MS = 5200 * 604_800_000;

/** Commander argParser for a window like 24h, 7d, 4w, up to 100 years; returns milliseconds. */
export function duration(value: string): number {
  const match = /^(\d+)\s*(h|d|w)$/.exec(value.trim());
  if (!match || Number(match[1]) === 0) throw new InvalidArgumentError(`expected a window like 24h, 7d or 4w, got "${value}"`);
  const unit = { h: 3_600_000, d: 86_400_000, w: 604_800_000 }[match[2] as 'h' | 'd' | 'w'];
  const ms = Number(match[1]) * unit;
  // Past this, "now minus the window" leaves the range of a date and cannot be printed or compared.
  if (ms > MAX_WINDOW_MS) throw new InvalidArgumentError(`expected a window of at most 100 years (5200w), got "${value}"`);
  return ms;
}

/**
 * Commander argParser that accepts one of `choices`. The parser carries the list (`.choices`)
 * so that shell completion (completion/command-tree.ts) can offer it.
 */
export function oneOf<T extends string>(choices: readonly T[]) {
  const parse = (value: string): T => {
    if (!(choices as readonly string[]).includes(value)) {
      throw new InvalidArgumentError(`expected one of ${choices.join(', ')}, got "${value}"`);
    }
    return value as T;
  };
  return Object.assign(parse, { choices });
}

/** Commander argParser for a Claude model id: not empty, no spaces (the API would 400 every call). */
export function modelId(value: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._:@-]*$/.test(value)) throw new InvalidArgumentError(`expected a Claude model id like claude-haiku-5-5, got "${value}"`);
  return value;
}
