import type { CallResult } from '@staunch/core';
import type { TargetOutcome } from '../route-report.js';
import type { Verdict } from './move-on.js';

/** A target's part of a call, running. */
export interface Leg<T> {
  readonly done: Promise<{ result: CallResult<T>; verdict: Verdict; outcome: TargetOutcome }>;
  /** Aborts it: another leg won. */
  abort(): void;
}

/**
 * With a hedge out, the first leg that serves wins and the other is aborted. If the first to end
 * did not serve, the other may still: it is awaited (unless the first ended the call for good).
 */
export async function firstServed<T>(main: Leg<T>, hedge: Leg<T>) {
  const first = await Promise.race([
    main.done.then((value) => ({ value, other: hedge })),
    hedge.done.then((value) => ({ value, other: main })),
  ]);
  if (first.value.verdict.kind !== 'next') {
    first.other.abort();
    await first.other.done;
    return first.value;
  }
  return first.other.done;
}
