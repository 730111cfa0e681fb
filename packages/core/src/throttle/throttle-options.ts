import { ConfigError } from '../errors/config-error.js';
import { requireInteger, requireMs, show } from '../policy/validate.js';
import { type Clock, systemClock } from '../runtime/clock.js';
import { DEFAULT_TUNING, type ThrottleTuning } from './scope-state.js';

/** Options of {@link createAdaptiveThrottle}. */
export interface AdaptiveThrottleOptions {
  /** @default the system clock */
  readonly clock?: Clock;
  /** Attempts that may wait per scope; one more is refused at once with `QueueFullError`. @default 10000 */
  readonly maxQueue?: number;
  /** A scope with nothing queued or in flight for this long is forgotten, ms. @default 600000 */
  readonly idleEvictMs?: number;
  /** Learning constants (see `DEFAULT_TUNING`). */
  readonly tuning?: Partial<ThrottleTuning>;
}

export interface ResolvedThrottleOptions {
  readonly clock: Clock;
  readonly maxQueue: number;
  readonly idleEvictMs: number;
  readonly tuning: ThrottleTuning;
}

export const DEFAULT_MAX_QUEUE = 10_000;
export const DEFAULT_IDLE_EVICT_MS = 600_000;
const MAX_QUEUE_LIMIT = 10_000_000;

export function resolveThrottleOptions(options: AdaptiveThrottleOptions = {}): ResolvedThrottleOptions {
  const tuning = { ...DEFAULT_TUNING, ...options.tuning };
  requireInteger('throttle.tuning.initialWindow', tuning.initialWindow, 1, MAX_QUEUE_LIMIT, 'Use e.g. 8.');
  requireRange('throttle.tuning.beta', tuning.beta, 0, 1, 'Use e.g. 0.9 (the rate after a cut, as a share).');
  requireRange('throttle.tuning.c', tuning.c, 0, 1000, 'Use e.g. 0.4.');
  requireRange('throttle.tuning.minRatePerS', tuning.minRatePerS, 0, 1e9, 'Use e.g. 0.5 requests per second.');
  requireMs('throttle.tuning.burstWindowMs', tuning.burstWindowMs, 'Use e.g. 100.');
  requireMs('throttle.tuning.maxPauseMs', tuning.maxPauseMs, 'Use e.g. 60000.');
  return {
    clock: options.clock ?? systemClock,
    maxQueue: requireInteger(
      'throttle.maxQueue',
      options.maxQueue ?? DEFAULT_MAX_QUEUE,
      0,
      MAX_QUEUE_LIMIT,
      'Use e.g. 10000.',
    ),
    idleEvictMs: requireMs('throttle.idleEvictMs', options.idleEvictMs ?? DEFAULT_IDLE_EVICT_MS, 'Use e.g. 600000.', 1),
    tuning: Object.freeze(tuning),
  };
}

/** A number strictly above `min` and at most `max`. */
function requireRange(field: string, value: unknown, min: number, max: number, fix: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= min || value > max) {
    throw new ConfigError(field, `expected a number above ${min} and at most ${max}, got ${show(value)}. ${fix}`);
  }
  return value;
}
