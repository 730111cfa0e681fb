import { type HeaderLookup, readHeader } from './headers.js';
import { parseRetryAfter, parseRetryAfterMs, referenceNow } from './parse-retry-after.js';
import { type RateLimitHeaderSpec, readRateLimits } from './rate-limit-headers.js';

/** Where a server-requested wait came from. */
export type WaitSource = 'retry-after-ms' | 'retry-after' | 'body' | 'reset-header';

export interface ServerWait {
  readonly delayMs: number;
  readonly source: WaitSource;
}

/**
 * The one ordered ladder for a server's requested wait: `retry-after-ms` (and Azure's
 * `x-ms-retry-after-ms`), then `Retry-After`, then a wait written in the error body (`bodyWaitMs`:
 * Gemini's RetryInfo, "try again in 1.5s"), then the reset header of every exhausted bucket the
 * preset declares (the latest of them). A malformed rung is skipped, so the caller falls back to
 * backoff. Never throws.
 */
export function serverWait(
  headers: HeaderLookup | undefined,
  specs: readonly RateLimitHeaderSpec[],
  wallNowMs: number,
  bodyWaitMs?: number,
): ServerWait | undefined {
  const ms =
    parseRetryAfterMs(readHeader(headers, 'retry-after-ms')) ??
    parseRetryAfterMs(readHeader(headers, 'x-ms-retry-after-ms'));
  if (ms !== undefined) return { delayMs: ms, source: 'retry-after-ms' };
  const date = readHeader(headers, 'date');
  const after = parseRetryAfter(readHeader(headers, 'retry-after'), wallNowMs, date);
  if (after !== undefined) return { delayMs: after, source: 'retry-after' };
  if (bodyWaitMs !== undefined && Number.isFinite(bodyWaitMs) && bodyWaitMs >= 0) {
    return { delayMs: Math.ceil(bodyWaitMs), source: 'body' };
  }
  let latest: number | undefined;
  for (const reading of readRateLimits(headers, specs, referenceNow(wallNowMs, date))) {
    if (reading.remaining === 0 && reading.resetMs !== undefined) {
      latest = Math.max(latest ?? 0, reading.resetMs);
    }
  }
  return latest === undefined ? undefined : { delayMs: latest, source: 'reset-header' };
}
