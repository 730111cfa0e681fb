import { isStaunchError } from '@staunch/core';

/**
 * How a call ended, in terms every adapter can be compared on. `typed` is what the adapter
 * raised in typed-error mode; `native` is its usual shape (a response, or its own error).
 */
export type Outcome =
  | { readonly ok: true; readonly status: number }
  | { readonly ok: false; readonly error: string; readonly status?: number; readonly reason?: string };

/** What the adapter's native mode shows for a typed outcome. */
export type NativeOutcome =
  | { readonly response: number }
  | { readonly failed: 'aborted' | 'deadline' | 'network' | 'other' };

export function typedOutcome(error: unknown): Outcome {
  if (!isStaunchError(error)) return { ok: false, error: `not a Staunch error: ${String(error)}` };
  return {
    ok: false,
    error: error.name,
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.reason === undefined ? {} : { reason: error.reason }),
  };
}

/** Typed errors that come with the final response leave a response in native mode. */
export function nativeExpectation(outcome: Outcome): NativeOutcome {
  if (outcome.ok) return { response: outcome.status };
  if (outcome.status !== undefined) return { response: outcome.status };
  if (outcome.error === 'StaunchAbortedError') return { failed: 'aborted' };
  if (outcome.error === 'StaunchDeadlineError') return { failed: 'deadline' };
  if (outcome.reason === 'network') return { failed: 'network' };
  return { failed: 'other' };
}
