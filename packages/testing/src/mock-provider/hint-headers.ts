import { formatGoDuration } from './format-go-duration.js';
import type { BucketReading, LimitReadings } from './key-limits.js';
import type { HintStyle } from './types.js';

type Headers = Record<string, string>;
const SECONDS_PER_MINUTE = 60;
const MINUTES_PER_DAY = 1440;

/** What the headers describe: the key's buckets, and on a 429 the real wait until the request fits. */
export interface HintFacts {
  readonly readings: LimitReadings;
  /** Set on a 429 with a finite wait. */
  readonly waitMs?: number;
  /** The server's wall clock, epoch ms. */
  readonly wallNowMs: number;
}

/**
 * The headers of one dialect. Every time is rounded up, so a client that obeys the hint never
 * arrives before capacity is really there (a late `Date` header only adds margin).
 */
export function hintHeaders(style: HintStyle, facts: HintFacts): Headers {
  const { waitMs, wallNowMs, readings } = facts;
  switch (style) {
    case 'retry-after':
      return waitMs === undefined ? {} : { 'retry-after': String(Math.ceil(waitMs / 1000)) };
    case 'retry-after-date':
      return waitMs === undefined ? {} : { 'retry-after': httpDate(Math.ceil((wallNowMs + waitMs) / 1000) * 1000) };
    case 'retry-after-ms':
      return waitMs === undefined ? {} : { 'retry-after-ms': String(Math.ceil(waitMs)) };
    case 'openai':
      return { ...openAi('requests', readings.requests), ...(readings.tokens && openAi('tokens', readings.tokens)) };
    // OpenAI's API sends both on a 429: its bucket headers and the precise wait (providers.md §2.2).
    case 'openai-ms':
      return { ...hintHeaders('openai', facts), ...hintHeaders('retry-after-ms', facts) };
    case 'together':
      return together(readings);
    case 'anthropic':
      return {
        ...anthropic('requests', readings.requests, wallNowMs),
        ...(readings.tokens && anthropic('tokens', readings.tokens, wallNowMs)),
      };
    // Groq: the requests headers describe the day's quota, the tokens headers the minute's (providers.md §9.2).
    case 'groq':
      return {
        ...(readings.daily && openAi('requests', readings.daily, MINUTES_PER_DAY)),
        ...(readings.tokens && openAi('tokens', readings.tokens)),
        ...hintHeaders('retry-after', facts),
      };
    default:
      return {};
  }
}

export function httpDate(epochMs: number): string {
  return new Date(epochMs).toUTCString();
}

// OpenAI states limits per minute and resets as Go durations (providers.md §2.2); Groq per day for requests.
function openAi(unit: 'requests' | 'tokens', reading: BucketReading, minutes = 1): Headers {
  return {
    [`x-ratelimit-limit-${unit}`]: String(limitOf(reading, SECONDS_PER_MINUTE * minutes)),
    [`x-ratelimit-remaining-${unit}`]: String(reading.remaining),
    ...whenFinite(reading.resetMs, (ms) => ({ [`x-ratelimit-reset-${unit}`]: formatGoDuration(ms) })),
  };
}

// Together states limits per second and the reset in seconds (providers.md §5.3).
function together(readings: LimitReadings): Headers {
  const headers: Headers = {
    'x-ratelimit-limit': String(readings.requests.maxConcurrent ?? readings.requests.rate),
    'x-ratelimit-remaining': String(readings.requests.remaining),
    ...whenFinite(readings.requests.resetMs, (ms) => ({ 'x-ratelimit-reset': String(Math.ceil(ms / 1000)) })),
  };
  if (readings.tokens !== undefined) {
    headers['x-tokenlimit-limit'] = String(readings.tokens.rate);
    headers['x-tokenlimit-remaining'] = String(readings.tokens.remaining);
  }
  return headers;
}

// Anthropic states limits per minute and resets as RFC 3339 instants (providers.md §4.3).
function anthropic(unit: 'requests' | 'tokens', reading: BucketReading, wallNowMs: number): Headers {
  return {
    [`anthropic-ratelimit-${unit}-limit`]: String(limitOf(reading, SECONDS_PER_MINUTE)),
    [`anthropic-ratelimit-${unit}-remaining`]: String(reading.remaining),
    ...whenFinite(reading.resetMs, (ms) => ({
      [`anthropic-ratelimit-${unit}-reset`]: new Date(Math.ceil(wallNowMs + ms)).toISOString(),
    })),
  };
}

/** The limit per `seconds`, rounded down; a concurrency cap states its slots whatever the period. */
function limitOf(reading: BucketReading, seconds: number): number {
  if (reading.maxConcurrent !== undefined) return reading.maxConcurrent;
  // Tolerance for rates such as 14,400 / 86,400 s, which are not exact in binary.
  return Math.floor(reading.rate * seconds + 1e-9);
}

/** A request larger than the bucket can never fit: there is no truthful reset, so none is sent. */
function whenFinite(ms: number, headers: (ms: number) => Headers): Headers {
  return Number.isFinite(ms) ? headers(ms) : {};
}
