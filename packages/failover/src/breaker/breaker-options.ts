import { ConfigError } from '@staunch/core';

/** When a breaker opens and how long it stays open. Every field has a default; see docs/failover.md. */
export interface BreakerOptions {
  /** Failures in a row that open it. @default 5 (Envoy's `consecutive_5xx`) */
  readonly consecutiveFailures?: number;
  /** The share of failed calls over `windowMs` that opens it, from 0 (exclusive) to 1. @default 0.5 (LiteLLM) */
  readonly failureRatio?: number;
  /** The window the ratio is measured over, in ms. @default 30000 (cockatiel's SamplingBreaker example) */
  readonly windowMs?: number;
  /** Fewer calls than this in the window never open it by ratio. @default 10 */
  readonly minimumCount?: number;
  /** How long it stays open before one probe may go, in ms; doubles after each failed probe. @default 10000 */
  readonly openMs?: number;
  /** The longest it stays open after failed probes, in ms. @default 300000 (Envoy's `max_ejection_time`) */
  readonly maxOpenMs?: number;
  /** How long a quota, credit or auth failure holds it open, in ms (longer if the server says). @default 300000 */
  readonly holdMs?: number;
}

export type ResolvedBreakerOptions = Required<BreakerOptions>;

export const DEFAULT_BREAKER_OPTIONS: ResolvedBreakerOptions = Object.freeze({
  consecutiveFailures: 5,
  failureRatio: 0.5,
  windowMs: 30_000,
  minimumCount: 10,
  openMs: 10_000,
  maxOpenMs: 300_000,
  holdMs: 300_000,
});

const MAX_MS = 2 ** 31 - 1;

/** Fills in the defaults and rejects a value that cannot work, naming the field, the value and the fix. */
export function resolveBreakerOptions(field: string, options: BreakerOptions = {}): ResolvedBreakerOptions {
  const known = Object.keys(DEFAULT_BREAKER_OPTIONS);
  for (const key of Object.keys(options)) {
    if (!known.includes(key))
      throw new ConfigError(`${field}.${key}`, `unknown option. Known options: ${known.join(', ')}.`);
  }
  const merged = { ...DEFAULT_BREAKER_OPTIONS, ...definedOnly(options) };
  integer(`${field}.consecutiveFailures`, merged.consecutiveFailures, 1, 1000);
  integer(`${field}.minimumCount`, merged.minimumCount, 1, 1_000_000);
  const ratio = merged.failureRatio;
  if (typeof ratio !== 'number' || !(ratio > 0 && ratio <= 1)) {
    throw new ConfigError(
      `${field}.failureRatio`,
      `expected a number above 0 and at most 1, got ${String(ratio)}. 0.5 opens at half the calls failing.`,
    );
  }
  for (const key of ['windowMs', 'openMs', 'maxOpenMs', 'holdMs'] as const)
    integer(`${field}.${key}`, merged[key], 1, MAX_MS);
  if (merged.maxOpenMs < merged.openMs) {
    throw new ConfigError(
      `${field}.maxOpenMs`,
      `expected at least openMs (${merged.openMs}), got ${merged.maxOpenMs}. Raise maxOpenMs or lower openMs.`,
    );
  }
  return Object.freeze(merged);
}

function integer(field: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(field, `expected an integer from ${min} to ${max}, got ${String(value)}.`);
  }
}

function definedOnly(options: BreakerOptions): BreakerOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}
