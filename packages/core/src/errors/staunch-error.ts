import type { Reason } from '../policy/reason.js';

const BRAND = Symbol.for('staunch.error');

/** The context every Staunch error carries. Fields that do not apply are `undefined`. */
export interface StaunchErrorContext {
  /** Attempts made, including the first. */
  readonly attempts?: number;
  /** Milliseconds from the start of the call to the decision. */
  readonly elapsedMs?: number;
  /** HTTP status of the last response, when there was one. */
  readonly status?: number;
  /** The policy (preset) name that decided, e.g. `together`. */
  readonly provider?: string;
  /** What the last outcome meant, e.g. `rate-limit`, `context-length`. */
  readonly reason?: Reason;
  /** What a person can do about it, from the policy. */
  readonly hint?: string;
  /** Epoch milliseconds when the server said a retry may succeed. */
  readonly retryAt?: number;
  /** The provider's own error code or type from the body, e.g. `insufficient_quota`. */
  readonly code?: string;
  /** The provider's own error message from the body (bounded, never a request header). */
  readonly providerMessage?: string;
  readonly cause?: unknown;
}

/**
 * The base of every error Staunch throws. Check with {@link isStaunchError} (brand-based, so it
 * works across duplicate installs) rather than `instanceof`.
 */
export class StaunchError extends Error {
  declare readonly [BRAND]: string;
  readonly attempts: number | undefined;
  readonly elapsedMs: number | undefined;
  readonly status: number | undefined;
  readonly provider: string | undefined;
  readonly reason: Reason | undefined;
  readonly hint: string | undefined;
  readonly retryAt: number | undefined;
  readonly code: string | undefined;
  readonly providerMessage: string | undefined;

  constructor(kind: string, message: string, context: StaunchErrorContext = {}) {
    super(message, 'cause' in context ? { cause: context.cause } : undefined);
    Object.defineProperty(this, BRAND, { value: kind, enumerable: false });
    this.name = kind;
    this.attempts = context.attempts;
    this.elapsedMs = context.elapsedMs;
    this.status = context.status;
    this.provider = context.provider;
    this.reason = context.reason;
    this.hint = context.hint;
    this.retryAt = context.retryAt;
    this.code = context.code;
    this.providerMessage = context.providerMessage;
  }
}

/** True for any error thrown by any copy of Staunch. */
export function isStaunchError(value: unknown): value is StaunchError {
  return typeof value === 'object' && value !== null && typeof (value as Record<symbol, unknown>)[BRAND] === 'string';
}

/** Builds a guard that recognises one subclass by its brand (its `name`). */
export function brandGuard<T extends StaunchError>(kind: string): (value: unknown) => value is T {
  return (value): value is T => isStaunchError(value) && (value as unknown as Record<symbol, unknown>)[BRAND] === kind;
}
