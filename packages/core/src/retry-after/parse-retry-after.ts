import { parseHttpDate } from './http-date.js';
import { listParts, MAX_PARSED_MS, parseDecimal, toWaitMs } from './numbers.js';
import { parseReset } from './parse-reset.js';

/**
 * `retry-after-ms` (Azure, OpenAI): milliseconds, fractions allowed. With duplicated values
 * ("100, 250") the largest wins: never wait less than the server asked. Returns whole ms or
 * `undefined`; never throws.
 */
export function parseRetryAfterMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  let best: number | undefined;
  for (const part of listParts(value)) {
    const ms = parseDecimal(part);
    if (ms !== undefined) best = Math.max(best ?? 0, toWaitMs(ms));
  }
  return best;
}

/**
 * `Retry-After` (RFC 9110 §10.2.3): delta-seconds or an HTTP-date (or an RFC 3339 instant). A date is measured against
 * the response's own `Date` header when that parses (the server's clock), else against `nowMs`.
 * Fractional seconds are accepted (seen in the wild). Returns whole ms ≥ 0 or `undefined`.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number, serverDate?: string): number | undefined {
  if (value === undefined) return undefined;
  const asDate = dateDelay(value, nowMs, serverDate);
  if (asDate !== undefined) return asDate;
  let best: number | undefined;
  const parts = listParts(value);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    // A duplicated date was split at its own comma ("Wed", "21 Oct 2015 …"): rejoin the halves.
    const joined = i + 1 < parts.length ? dateDelay(`${part}, ${parts[i + 1]}`, nowMs, serverDate) : undefined;
    if (joined !== undefined) i += 1;
    const seconds = parseDecimal(part);
    const ms = seconds === undefined ? undefined : seconds >= MAX_PARSED_MS / 1000 ? MAX_PARSED_MS : seconds * 1000;
    const delay = joined ?? (ms === undefined ? dateDelay(part, nowMs, serverDate) : toWaitMs(ms));
    if (delay !== undefined) best = Math.max(best ?? 0, delay);
  }
  return best;
}

/**
 * An HTTP-date, or (not RFC 9110, but sent by some servers) an RFC 3339 instant, as a delay from
 * the server's "now". Never read `2024-03-26T20:00:00Z` as 2024 seconds.
 */
function dateDelay(value: string, nowMs: number, serverDate: string | undefined): number | undefined {
  const reference = referenceNow(nowMs, serverDate);
  const at = parseHttpDate(value, nowMs);
  if (at !== undefined) return toWaitMs(at - reference);
  return parseReset(value, 'rfc3339', reference);
}

/** The server's notion of "now": its `Date` header when valid, else the local wall clock. */
export function referenceNow(nowMs: number, serverDate: string | undefined): number {
  if (serverDate === undefined) return nowMs;
  return parseHttpDate(serverDate, nowMs) ?? nowMs;
}
