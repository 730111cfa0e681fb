import { type HeaderLookup, readHeader } from './headers.js';
import { parseDecimal } from './numbers.js';
import { parseReset, type ResetFormat } from './parse-reset.js';

/** How one rate-limit bucket appears in a provider's headers. Presets declare these. */
export interface RateLimitHeaderSpec {
  /** What the bucket counts. */
  readonly unit: 'requests' | 'tokens';
  /** The window its `limit` is expressed in, in seconds (60 for "per minute"). */
  readonly windowSeconds?: number;
  readonly limit?: string;
  readonly remaining?: string;
  readonly reset?: string;
  /** Required when `reset` is set. */
  readonly resetFormat?: ResetFormat;
}

/** One bucket as read off one response. Unknown parts (absent, malformed, `-1`) are `undefined`. */
export interface RateLimitReading {
  readonly unit: 'requests' | 'tokens';
  readonly limit: number | undefined;
  readonly remaining: number | undefined;
  /** Milliseconds until the bucket resets, measured on the server's clock. */
  readonly resetMs: number | undefined;
  readonly windowSeconds: number | undefined;
}

/** Reads every declared bucket that is present at all. Never throws. */
export function readRateLimits(
  headers: HeaderLookup | undefined,
  specs: readonly RateLimitHeaderSpec[],
  serverNowMs: number,
): RateLimitReading[] {
  const readings: RateLimitReading[] = [];
  for (const spec of specs) {
    const limit = count(readHeader(headers, spec.limit ?? ''));
    const remaining = count(readHeader(headers, spec.remaining ?? ''));
    const resetText = spec.reset === undefined ? undefined : readHeader(headers, spec.reset);
    const resetMs =
      resetText === undefined || spec.resetFormat === undefined
        ? undefined
        : parseReset(resetText, spec.resetFormat, serverNowMs);
    if (limit === undefined && remaining === undefined && resetMs === undefined) continue;
    readings.push({ unit: spec.unit, limit, remaining, resetMs, windowSeconds: spec.windowSeconds });
  }
  return readings;
}

/** A count header: a plain non-negative number. `-1` (Azure's "unknown") reads as undefined. */
function count(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  return parseDecimal(value);
}
