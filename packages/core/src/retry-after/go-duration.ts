import { toWaitMs } from './numbers.js';

// Go's time.Duration.String() format, as in OpenAI's and Groq's x-ratelimit-reset-* headers
// ("6m0s", "20ms", "1h34m52.896s") and Gemini's RetryInfo.retryDelay ("57.238747106s").
const UNIT_MS: Readonly<Record<string, number>> = {
  h: 3_600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
  us: 0.001,
  µs: 0.001,
  μs: 0.001,
  ns: 0.000_001,
};
// `ms` is listed before `m` so that "20ms" is 20 milliseconds, not 20 minutes.
const PART = /(\d+(?:\.\d+)?)(ms|us|µs|μs|ns|h|m|s)/y;

/**
 * Parses a Go-style duration into whole milliseconds (rounded up, since waking early re-triggers
 * the limit). A bare number is seconds; a leading `-` clamps to 0; trailing garbage (`5x`)
 * rejects the whole value.
 */
export function parseGoDuration(value: string): number | undefined {
  let text = value.trim();
  if (text.length === 0) return undefined;
  let negative = false;
  if (text.startsWith('-') || text.startsWith('+')) {
    negative = text.startsWith('-');
    text = text.slice(1);
    // A lone sign is not a duration.
    if (text.length === 0) return undefined;
  }
  if (/^\d+(?:\.\d+)?$/.test(text)) return negative ? 0 : toWaitMs(Number(text) * 1000);
  let total = 0;
  PART.lastIndex = 0;
  let consumed = 0;
  while (consumed < text.length) {
    PART.lastIndex = consumed;
    const match = PART.exec(text);
    if (!match) return undefined;
    total += Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? Number.NaN);
    consumed = PART.lastIndex;
  }
  if (Number.isNaN(total)) return undefined;
  return negative ? 0 : toWaitMs(total);
}
