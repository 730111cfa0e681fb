import type { OptionKeys } from '../../policy/option-keys.js';
import { requireMs } from '../../policy/validate.js';
import type { Clock } from '../../runtime/clock.js';

/** The stream guard's settings an adapter's user can choose; every adapter's options extend this. */
export interface StreamGuardOptions {
  /**
   * A committed SSE stream that sends no byte (keep-alive comments count) for this long fails
   * its reader with a `StreamError` (`failure: 'stalled'`, `partial: true`). Unset by default
   * because a reasoning model may be silent for minutes between events; choose it per model.
   * @default undefined (no idle limit)
   * @example 120_000
   */
  readonly idleTimeoutMs?: number | undefined;
}

/** What the guard needs for one response: the user's settings plus the call's signal and clock. */
export interface CommitStreamOptions extends StreamGuardOptions {
  /** The caller's signal, so that an abort it causes mid-stream surfaces as is. */
  readonly signal?: AbortSignal | undefined;
  /** @default the system clock */
  readonly clock?: Clock | undefined;
}

/** Validates `idleTimeoutMs` when an adapter is created, so a bad value fails there and not mid-stream. */
export function resolveStreamGuardOptions(options: StreamGuardOptions): StreamGuardOptions {
  const { idleTimeoutMs } = options;
  if (idleTimeoutMs === undefined) return {};
  return {
    idleTimeoutMs: requireMs(
      'idleTimeoutMs',
      idleTimeoutMs,
      'Use e.g. 120000, or leave it unset for no idle limit.',
      1,
    ),
  };
}

/** The stream guard's option names, for the adapters' strict option checks. */
export const STREAM_GUARD_OPTION_KEYS: OptionKeys<StreamGuardOptions> = Object.freeze({ idleTimeoutMs: true });
