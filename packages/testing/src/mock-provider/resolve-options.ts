import { type Clock, ConfigError, systemClock } from '@staunch/core';
import type { BucketLimits } from './token-bucket.js';
import type { CapacityLimits, ErrorStyle, HintStyle, LimiterKind, MockProviderOptions, OutageWindow } from './types.js';

export const HINT_STYLES: readonly HintStyle[] = [
  'retry-after',
  'retry-after-date',
  'retry-after-ms',
  'openai',
  'openai-ms',
  'together',
  'anthropic',
  'groq',
  'gateway-empty',
  'none',
];
export const LIMITER_KINDS: readonly LimiterKind[] = ['token-bucket', 'fixed-window', 'concurrency'];
export const ERROR_STYLES: readonly ErrorStyle[] = ['openai', 'together', 'gateway', 'anthropic'];

const DEFAULT_RATE_PER_SECOND = 10;
const DEFAULT_ERROR_STATUSES = [500, 503, 504, 524];
const DEFAULT_SLOW_MS = 2000;
const DEFAULT_POISON_MARKER = 'STAUNCH_POISON';
const DEFAULT_POISON_STATUS = 400;
const DEFAULT_OUTAGE_STATUS = 503;
const DEFAULT_WINDOW_MS = 60_000;
/** Groq's documented example of a requests-per-day limit (providers.md §9.2). */
const GROQ_REQUESTS_PER_DAY = 14_400;

/** Request and token limits of one key, after defaults. */
export interface ResolvedLimits {
  readonly requests: BucketLimits;
  /** Absent when tokens are unlimited. */
  readonly tokens: BucketLimits | undefined;
  /** The concurrency cap, when one was given. */
  readonly maxConcurrent: number | undefined;
}

/** How requests are counted, for every key and every capacity step. */
export interface ResolvedLimiter {
  readonly kind: LimiterKind;
  readonly windowMs: number;
  /** `Infinity` when there is no daily quota. */
  readonly requestsPerDay: number;
}

export interface ResolvedMockOptions {
  readonly port: number;
  readonly limiter: ResolvedLimiter;
  readonly limits: ResolvedLimits;
  readonly schedule: readonly { readonly atMs: number; readonly limits: ResolvedLimits }[];
  readonly hint: HintStyle;
  readonly resetMeaning: 'next' | 'full';
  readonly headersOnSuccess: boolean;
  readonly errorStyle: ErrorStyle;
  readonly serviceTime: { readonly min: number; readonly max: number };
  readonly errorRate: number;
  readonly errorStatuses: readonly number[];
  readonly resetRate: number;
  readonly slowRate: number;
  readonly slowMs: number;
  readonly streamErrorRate: number;
  readonly outages: readonly Required<OutageWindow>[];
  readonly poisonMarker: string;
  readonly poisonStatus: number;
  readonly models: ReadonlySet<string> | undefined;
  readonly seed: number;
  readonly clock: Clock;
}

/** Applies defaults and validates; a bad value throws a ConfigError naming the field and the fix. */
export function resolveMockOptions(options: MockProviderOptions = {}): ResolvedMockOptions {
  const faults = options.faults ?? {};
  const service = options.serviceTimeMs ?? 0;
  const serviceTime = typeof service === 'number' ? { min: service, max: service } : service;
  nonNegative('serviceTimeMs.min', serviceTime.min);
  nonNegative('serviceTimeMs.max', serviceTime.max);
  if (serviceTime.max < serviceTime.min) {
    throw new ConfigError('serviceTimeMs', `Expected max (${serviceTime.max}) to be at least min (${serviceTime.min})`);
  }
  const hint = oneOf('hint', options.hint ?? 'retry-after', HINT_STYLES);
  const limiter = resolveLimiter(options, hint);
  return {
    port: options.port ?? 0,
    limiter,
    limits: resolveLimits('', { ...options, rate: options.rate ?? DEFAULT_RATE_PER_SECOND }, limiter.kind),
    schedule: (options.capacity ?? []).map((step, i) => {
      nonNegative(`capacity[${i}].atMs`, step.atMs);
      return { atMs: step.atMs, limits: resolveLimits(`capacity[${i}].`, step, limiter.kind) };
    }),
    hint,
    resetMeaning: oneOf('resetMeaning', options.resetMeaning ?? 'next', ['next', 'full'] as const),
    headersOnSuccess: options.headersOnSuccess ?? false,
    errorStyle: oneOf('errorStyle', options.errorStyle ?? 'openai', ERROR_STYLES),
    serviceTime,
    errorRate: probability('faults.errorRate', faults.errorRate),
    errorStatuses: statuses('faults.errorStatuses', faults.errorStatuses ?? DEFAULT_ERROR_STATUSES),
    resetRate: probability('faults.resetRate', faults.resetRate),
    slowRate: probability('faults.slowRate', faults.slowRate),
    slowMs: nonNegative('faults.slowMs', faults.slowMs ?? DEFAULT_SLOW_MS),
    streamErrorRate: probability('faults.streamErrorRate', faults.streamErrorRate),
    outages: (options.outages ?? []).map((w, i) => ({
      fromMs: nonNegative(`outages[${i}].fromMs`, w.fromMs),
      toMs: nonNegative(`outages[${i}].toMs`, w.toMs),
      status: statuses(`outages[${i}].status`, [w.status ?? DEFAULT_OUTAGE_STATUS])[0] ?? DEFAULT_OUTAGE_STATUS,
    })),
    poisonMarker: options.poisonMarker ?? DEFAULT_POISON_MARKER,
    poisonStatus: statuses('poisonStatus', [options.poisonStatus ?? DEFAULT_POISON_STATUS])[0] ?? DEFAULT_POISON_STATUS,
    models: options.models === undefined ? undefined : new Set(options.models),
    seed: options.seed ?? 1,
    clock: options.clock ?? systemClock,
  };
}

function resolveLimiter(options: MockProviderOptions, hint: HintStyle): ResolvedLimiter {
  const perDay = options.requestsPerDay ?? (hint === 'groq' ? GROQ_REQUESTS_PER_DAY : Number.POSITIVE_INFINITY);
  return {
    kind: oneOf('limiter', options.limiter ?? 'token-bucket', LIMITER_KINDS),
    windowMs: positive('windowMs', options.windowMs ?? DEFAULT_WINDOW_MS),
    requestsPerDay: perDay === Number.POSITIVE_INFINITY ? perDay : positive('requestsPerDay', perDay),
  };
}

/**
 * Limits with defaults: burst one second's worth (at least 1); no token bucket unless a token
 * rate is set; a concurrency cap must say how many (`kind` 'concurrency').
 */
export function resolveLimits(prefix: string, limits: CapacityLimits, kind: LimiterKind): ResolvedLimits {
  const rate = nonNegative(`${prefix}rate`, limits.rate);
  const burst = positive(`${prefix}burst`, limits.burst ?? Math.max(1, rate));
  const maxConcurrent = concurrencyOf(prefix, limits.maxConcurrent, kind);
  const tokenRate = limits.tokensPerSecond;
  if (tokenRate === undefined || tokenRate === Number.POSITIVE_INFINITY) {
    return { requests: { rate, burst }, tokens: undefined, maxConcurrent };
  }
  nonNegative(`${prefix}tokensPerSecond`, tokenRate);
  const tokenBurst = positive(`${prefix}tokenBurst`, limits.tokenBurst ?? Math.max(1, tokenRate));
  return { requests: { rate, burst }, tokens: { rate: tokenRate, burst: tokenBurst }, maxConcurrent };
}

function concurrencyOf(prefix: string, value: number | undefined, kind: LimiterKind): number | undefined {
  if (value === undefined && kind !== 'concurrency') return undefined;
  if (value === undefined || !Number.isInteger(value) || value < 1) {
    throw new ConfigError(
      `${prefix}maxConcurrent`,
      `Expected a positive integer (requests in flight at once) with limiter 'concurrency', got ${String(value)}`,
    );
  }
  return value;
}

function nonNegative(field: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new ConfigError(field, `Expected a finite number ≥ 0, got ${String(value)}`);
  }
  return value;
}

function positive(field: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new ConfigError(field, `Expected a finite number > 0, got ${String(value)}`);
  }
  return value;
}

function probability(field: string, value: number | undefined): number {
  if (value === undefined) return 0;
  if (!(value >= 0 && value <= 1)) throw new ConfigError(field, `Expected a probability in [0, 1], got ${value}`);
  return value;
}

function statuses(field: string, values: readonly number[]): number[] {
  if (values.length === 0) throw new ConfigError(field, 'Expected at least one status');
  for (const status of values) {
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new ConfigError(field, `Expected an HTTP error status (400–599), got ${status}`);
    }
  }
  return [...values];
}

function oneOf<T extends string>(field: string, value: T, allowed: readonly T[]): T {
  if (!allowed.includes(value)) {
    throw new ConfigError(field, `Expected one of ${allowed.map((a) => `'${a}'`).join(', ')}, got '${String(value)}'`);
  }
  return value;
}
