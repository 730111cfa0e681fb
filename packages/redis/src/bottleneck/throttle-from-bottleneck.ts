import {
  type Clock,
  DEFAULT_TUNING,
  initialScopeState,
  recordStep,
  type ScopeState,
  systemClock,
  type Throttle,
  type ThrottleCost,
  type ThrottleFeedback,
  type ThrottleTuning,
  type TimerHandle,
} from '@staunch/core';
import { type LearnedSettings, learnedSettings } from './bottleneck-settings.js';

/** The part of a Bottleneck limiter (local or clustered) that Staunch uses. */
export interface BottleneckLike {
  schedule<R>(options: { weight?: number }, fn: () => PromiseLike<R>): Promise<R>;
  updateSettings(options: { minTime?: number; reservoir?: number | null }): unknown;
}

export interface BottleneckThrottleOptions {
  /** Learning constants (see core's `DEFAULT_TUNING`). */
  readonly tuning?: Partial<ThrottleTuning>;
  /** @default the system clock */
  readonly clock?: Clock;
}

/** A throttle over a Bottleneck limiter, with the learner's state for tests and metrics. */
export interface BottleneckThrottle extends Throttle {
  inspect(scope: string): ScopeState | undefined;
}

/**
 * Lets an existing Bottleneck limiter pace Staunch's attempts, and teaches it: Bottleneck does
 * the waiting (its queue, its Redis cluster if it has one); core's learner (`recordStep`) reads
 * every outcome, and each change of the learned rate or hold is written back with
 * `updateSettings`. A job occupies the limiter from grant until its `record`, so a
 * `maxConcurrent` the owner set keeps meaning attempts in flight. One limiter paces one key:
 * scopes share its settings, each scope's learning updates them.
 */
export function throttleFromBottleneck(
  limiter: BottleneckLike,
  options: BottleneckThrottleOptions = {},
): BottleneckThrottle {
  const clock = options.clock ?? systemClock;
  const tuning: ThrottleTuning = { ...DEFAULT_TUNING, ...options.tuning };
  const states = new Map<string, ScopeState>();
  const held = new Map<string, (() => void)[]>();
  let applied: LearnedSettings = {};
  let unpause: TimerHandle | undefined;

  const sync = (state: ScopeState): void => {
    const now = clock.now();
    const next = learnedSettings(state, now);
    const update: { minTime?: number; reservoir?: number | null } = {};
    if (next.minTime !== undefined && next.minTime !== applied.minTime) update.minTime = next.minTime;
    if (next.reservoir === 0 && applied.reservoir !== 0) {
      update.reservoir = 0;
      if (unpause !== undefined) clock.clearTimeout(unpause);
      unpause = clock.setTimeout(() => {
        unpause = undefined;
        applied = { ...applied, reservoir: null };
        limiter.updateSettings({ reservoir: null });
      }, state.pausedUntil - now);
    }
    if (Object.keys(update).length === 0) return;
    applied = { ...applied, ...update };
    limiter.updateSettings(update);
  };

  return {
    acquire(scope: string, cost: ThrottleCost, signal?: AbortSignal): Promise<void> {
      if (signal?.aborted) return Promise.reject(signal.reason);
      return new Promise<void>((resolve, reject) => {
        let abandoned = false;
        const onAbort = (): void => {
          abandoned = true;
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        // Bottleneck cannot drop a queued job: an abandoned one runs later and returns at once.
        const job = (): Promise<void> => {
          signal?.removeEventListener('abort', onAbort);
          if (abandoned) return Promise.resolve();
          const state = states.get(scope) ?? initialScopeState(clock.now(), tuning);
          states.set(scope, { ...state, inflight: state.inflight + 1 });
          return new Promise<void>((release) => {
            const list = held.get(scope) ?? [];
            list.push(release);
            held.set(scope, list);
            resolve();
          });
        };
        limiter.schedule({ weight: Math.max(0, cost.requests) }, job).catch(reject);
      });
    },
    record(scope: string, feedback: ThrottleFeedback): void {
      const list = held.get(scope);
      list?.shift()?.();
      if (list?.length === 0) held.delete(scope);
      const state = states.get(scope);
      if (state === undefined) return;
      const next = recordStep(state, clock.now(), feedback, tuning);
      states.set(scope, next);
      sync(next);
    },
    inspect: (scope) => states.get(scope),
  };
}
