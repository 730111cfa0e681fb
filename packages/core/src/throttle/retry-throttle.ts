import { ConfigError } from '../errors/config-error.js';
import type { Reason } from '../policy/reason.js';
import { show } from '../policy/validate.js';
import { gateOptions, requireNumber } from './gate-options.js';
import type { GateAttempt, RetryGate } from './throttle.js';

/** Options of {@link createRetryThrottle}: gRPC's `retryThrottling` service-config block. */
export interface RetryThrottleOptions {
  /** Tokens a scope starts with and the most it holds, in (0, 1000], 3 decimals kept. */
  readonly maxTokens: number;
  /** Tokens a success puts back, above 0 and at most 1000, 3 decimals kept (more are cut off). */
  readonly tokenRatio: number;
  /**
   * The throttle this one replaces (a new configuration): each scope keeps its share of tokens
   * (3 of 4 becomes 7.5 of 10), and the old throttle forwards everything to this one, so calls
   * still running on it count here. As gRPC core does when a service config changes.
   */
  readonly replaces?: RetryThrottle;
}

/** A gRPC-style retry throttle, with a read-only view for tests and metrics. */
export interface RetryThrottle extends RetryGate {
  /** The scope's token count now (`maxTokens` for a scope never charged). */
  tokens(scope: string): number;
}

const KNOWN = ['maxTokens', 'tokenRatio', 'replaces'] as const;
const MILLI = 1000;

/** Internal hooks a replacement uses; not part of the public interface. */
interface Replaceable {
  readonly maxMilli: number;
  share(scope: string): number | undefined;
  scopes(): Iterable<string>;
  forwardTo(next: RetryThrottle): void;
  successor(): RetryThrottle | undefined;
}
const internals = new WeakMap<RetryThrottle, Replaceable>();

/**
 * gRPC's client retry throttling (gRFC A6), per scope: the count starts at `maxTokens`; a failure
 * the policy would retry takes 1, a success adds `tokenRatio`, clamped to [0, maxTokens]; a retry
 * may go only while the count is above `maxTokens / 2`. Tokens are kept in thousandths as
 * integers, as gRPC core and grpc-java do, so 3-decimal ratios add up exactly (grpc-go keeps a
 * float64, which gives the same answers on its published table).
 */
export function createRetryThrottle(options: RetryThrottleOptions): RetryThrottle {
  const o = gateOptions('retryThrottle', options, KNOWN);
  const maxMilli = toMilli('retryThrottle.maxTokens', o.maxTokens, 'Use e.g. 10 (gRPC allows up to 1000).');
  const ratioMilli = toMilli(
    'retryThrottle.tokenRatio',
    o.tokenRatio,
    'Use e.g. 0.1 (retries stop near 10 % failures).',
  );
  const threshold = Math.floor(maxMilli / 2);
  // Only scopes below the maximum are kept: a full scope is the same as one never seen.
  const milli = new Map<string, number>();
  let next: RetryThrottle | undefined;

  const count = (scope: string): number => milli.get(scope) ?? maxMilli;
  const add = (scope: string, delta: number): void => {
    const value = Math.min(maxMilli, Math.max(0, count(scope) + delta));
    if (value === maxMilli) milli.delete(scope);
    else milli.set(scope, value);
  };

  const throttle: RetryThrottle = {
    tryRetry(scope: string, reason?: Reason): boolean {
      if (next !== undefined) return next.tryRetry(scope, reason);
      return count(scope) > threshold;
    },
    record(scope: string, succeeded: boolean, reason?: Reason, attempt?: GateAttempt): void {
      // Without the engine's context every failure counts; with it, only those the policy retries.
      if (next !== undefined) next.record(scope, succeeded, reason, attempt);
      else if (succeeded) add(scope, ratioMilli);
      else if (attempt === undefined || attempt.retryable) add(scope, -MILLI);
    },
    tokens: (scope) => (next === undefined ? count(scope) / MILLI : next.tokens(scope)),
  };
  internals.set(throttle, {
    maxMilli,
    share: (scope) => milli.get(scope),
    scopes: () => milli.keys(),
    forwardTo: (replacement) => {
      next = replacement;
    },
    successor: () => next,
  });

  let old = o.replaces === undefined ? undefined : internals.get(o.replaces as RetryThrottle);
  if (o.replaces !== undefined && old === undefined) {
    throw new ConfigError(
      'retryThrottle.replaces',
      `expected a throttle made by createRetryThrottle(), got ${show(o.replaces)}. Pass the previous throttle or leave it out.`,
    );
  }
  // Replacing a throttle that was already replaced takes over from the newest one.
  for (let newer = old?.successor(); newer !== undefined; newer = old?.successor()) old = internals.get(newer);
  if (old !== undefined) {
    for (const scope of old.scopes()) {
      // gRPC core: the new count is the old one's share of its maximum, times the new maximum.
      add(scope, Math.floor(((old.share(scope) ?? old.maxMilli) * maxMilli) / old.maxMilli) - maxMilli);
    }
    old.forwardTo(throttle);
  }
  return throttle;
}

/** A token amount in (0, 1000] as integer thousandths; digits past the third decimal are cut, as gRPC does. */
function toMilli(field: string, value: unknown, fix: string): number {
  const tokens = requireNumber(field, value, { min: 0, max: 1000, aboveMin: true }, fix);
  // Round to millionths first so 1.005 (stored as 1.00499…) still reads as 1005 thousandths.
  const milli = Math.floor(Math.round(tokens * 1e6) / 1000);
  if (milli === 0) {
    throw new ConfigError(field, `expected at least 0.001 (gRPC keeps 3 decimals), got ${show(value)}. ${fix}`);
  }
  return milli;
}
