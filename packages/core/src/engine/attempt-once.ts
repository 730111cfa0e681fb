import type { Policy } from '../policy/types.js';
import type { Clock } from '../runtime/clock.js';
import { ATTEMPT_TIMEOUT, attemptController, raceSignal } from './signals.js';
import type { AttemptContext, AttemptFunction, AttemptOutcome } from './types.js';

/** One attempt's outcome, and whether our per-attempt timeout ended it. */
export interface AttemptRun<T> {
  readonly outcome: AttemptOutcome<T>;
  readonly timedOut: boolean;
}

/**
 * Runs the transport once under a signal that fires with the call's (the caller's abort, the
 * deadline) and on the per-attempt timeout. Settles as soon as that signal fires,
 * even when the transport ignores it; a thrown or rejected transport is a network outcome.
 */
export async function attemptOnce<T>(
  clock: Clock,
  policy: Policy,
  run: AttemptFunction<T>,
  attempt: number,
  callSignal: AbortSignal,
): Promise<AttemptRun<T>> {
  const controller = attemptController(clock, callSignal, policy.attemptTimeoutMs, ATTEMPT_TIMEOUT);
  try {
    const outcome = await raceSignal(
      invoke(run, { attempt, signal: controller.transportSignal }).catch(
        (error: unknown): AttemptOutcome<T> => ({ kind: 'network', error }),
      ),
      controller.signal,
    ).catch((): AttemptOutcome<T> => ({ kind: 'network', error: controller.signal.reason }));
    return { outcome, timedOut: outcome.kind === 'network' && controller.signal.reason === ATTEMPT_TIMEOUT };
  } finally {
    controller.dispose();
  }
}

/** Calls the transport so that a synchronous throw becomes a rejection like any other. */
function invoke<T>(run: AttemptFunction<T>, context: AttemptContext): Promise<AttemptOutcome<T>> {
  try {
    return Promise.resolve(run(context));
  } catch (error) {
    return Promise.reject(error);
  }
}

/** Discards a response the caller will not get; a failing discard must not fail the call. */
export async function release<T>(outcome: AttemptOutcome<T>): Promise<void> {
  if (outcome.kind !== 'response') return;
  try {
    await outcome.discard?.();
  } catch {
    // Nothing to do: the response is abandoned either way.
  }
}
