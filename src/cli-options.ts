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

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** Commander argParser for a window like 24h, 7d, 4w, up to 100 years; returns milliseconds. */
export const duration = windowParser('hdw', '24h, 7d or 4w');

/** As `duration`, and minutes too (`logs --since 30m`: a log is read at a finer grain than counts). */
export const recentWindow = windowParser('mhdw', '30m, 24h or 7d');

function windowParser(units: string, examples: string) {
  const pattern = new RegExp(`^(\\d+)\\s*([${units}])$`);
  return (value: string): number => {
    const match = pattern.exec(value.trim());
    if (!match || Number(match[1]) === 0) throw new InvalidArgumentError(`expected a window like ${examples}, got "${value}"`);
    const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
    // Past this, "now minus the window" leaves the range of a date and cannot be printed or compared.
    if (ms > MAX_WINDOW_MS) throw new InvalidArgumentError(`expected a window of at most 100 years (5200w), got "${value}"`);
    return ms;
  };
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
