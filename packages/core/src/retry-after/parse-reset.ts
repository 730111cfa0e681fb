import { parseGoDuration } from './go-duration.js';
import { parseHttpDate } from './http-date.js';
import { MAX_PARSED_MS, parseDecimal, toWaitMs } from './numbers.js';

/**
 * How a provider writes "when the limit resets". Presets declare one per header.
 * - `delta-seconds`: seconds from now (Together `x-ratelimit-reset`, Mistral)
 * - `epoch-seconds`, `epoch-ms`: an absolute Unix time (OpenRouter uses ms)
 * - `go-duration`: `6m0s`, `20ms`, `11.054s` (OpenAI, Groq)
 * - `rfc3339`: `2025-01-12T23:11:59Z` (Anthropic)
 * - `http-date`: an HTTP-date
 */
export type ResetFormat = 'delta-seconds' | 'epoch-seconds' | 'epoch-ms' | 'go-duration' | 'rfc3339' | 'http-date';
export const RESET_FORMATS: readonly ResetFormat[] = [
  'delta-seconds',
  'epoch-seconds',
  'epoch-ms',
  'go-duration',
  'rfc3339',
  'http-date',
];

const RFC_3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):\d{2}(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

/**
 * Milliseconds from `nowMs` (the server's clock where known) until the reset, rounded up, or
 * `undefined` when the value does not fit the declared format. Never throws.
 */
export function parseReset(value: string | undefined, format: ResetFormat, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  switch (format) {
    case 'delta-seconds': {
      const seconds = parseDecimal(text);
      return seconds === undefined ? undefined : toWaitMs(Math.min(seconds * 1000, MAX_PARSED_MS));
    }
    case 'epoch-seconds': {
      const seconds = parseDecimal(text);
      return seconds === undefined ? undefined : toWaitMs(seconds * 1000 - nowMs);
    }
    case 'epoch-ms': {
      const ms = parseDecimal(text);
      return ms === undefined ? undefined : toWaitMs(ms - nowMs);
    }
    case 'go-duration':
      return parseGoDuration(text);
    case 'rfc3339': {
      const match = RFC_3339.exec(text);
      if (!match || !validRfc3339(match)) return undefined;
      const at = Date.parse(text.replace(' ', 'T').toUpperCase());
      return Number.isNaN(at) ? undefined : toWaitMs(at - nowMs);
    }
    case 'http-date': {
      const at = parseHttpDate(text, nowMs);
      return at === undefined ? undefined : toWaitMs(at - nowMs);
    }
    default:
      return undefined;
  }
}

/** Date.parse() rolls 31 February over into March and accepts hour 24: reject those instead. */
function validRfc3339(match: RegExpExecArray): boolean {
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, offsetHours = 0, offsetMinutes = 0] = match
    .slice(1)
    .map((part) => Number(part ?? 0));
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  const calendar = month >= 1 && month <= 12 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return calendar && hour <= 23 && minute <= 59 && offsetHours <= 23 && offsetMinutes <= 59;
}
