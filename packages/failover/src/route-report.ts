import type { Reason } from '@staunch/core';

/** What happened at one target (and key) of a chain, in the order the chain went. */
export interface TargetOutcome {
  readonly target: string;
  /** The key's index in the target's `keys`, when it has keys. */
  readonly key: number | undefined;
  /** Attempts sent there (0 when skipped). */
  readonly attempts: number;
  /** `served`, `skipped` (its breaker was open), or what the last outcome there meant. */
  readonly outcome: 'served' | 'skipped' | Reason;
  readonly status?: number | undefined;
  readonly hint?: string | undefined;
  readonly code?: string | undefined;
  /** Epoch ms the server said a retry may succeed. */
  readonly retryAt?: number | undefined;
}

/** Which target and key served a call (or none did), and the attempts at each. */
export interface RouteReport {
  readonly ok: boolean;
  readonly target: string | undefined;
  readonly key: number | undefined;
  readonly attempts: number;
  readonly elapsedMs: number;
  readonly outcomes: readonly TargetOutcome[];
}

const reports = new WeakMap<object, RouteReport>();

/** The route of the call that returned `value` (a Response, an axios response), or `undefined`. */
export function routeOf(value: unknown): RouteReport | undefined {
  return typeof value === 'object' && value !== null ? reports.get(value) : undefined;
}

export function attachRoute(value: unknown, report: RouteReport): void {
  if (typeof value === 'object' && value !== null) reports.set(value, report);
}
