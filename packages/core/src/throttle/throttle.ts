import type { Reason } from '../policy/reason.js';
import type { RateLimitReading } from '../retry-after/rate-limit-headers.js';

/** What one attempt costs against a scope's limits. */
export interface ThrottleCost {
  readonly requests: number;
  /** Estimated tokens (prompt + `max_tokens`); 0 when unknown. */
  readonly tokens: number;
}

/** What the engine tells the throttle after each attempt it acquired for. */
export interface ThrottleFeedback {
  readonly cost: ThrottleCost;
  /** `undefined` for a success; otherwise what the outcome meant. */
  readonly reason: Reason | undefined;
  readonly status: number | undefined;
  /** The server's requested wait, when it gave one. */
  readonly retryAfterMs: number | undefined;
  /** Rate-limit headers read off the response, per the policy's declarations. */
  readonly rateLimits: readonly RateLimitReading[];
  /** True when the attempt was abandoned (abort, deadline) before an outcome. */
  readonly cancelled: boolean;
}

/** What the engine knows about the scope an attempt acquires for, beyond its cost. */
export interface AcquireOptions {
  /**
   * The scope's answers state its limits (the policy reads rate-limit headers): a scope this
   * acquire creates sends one attempt alone until its answer (at most 1 s, `SCOUT_MS`), so
   * that the headers, not a blind first volley, size the attempts that follow.
   */
  readonly scout?: boolean;
}

/**
 * The one seam every throttle implements (no-op, in-memory, Redis): `acquire` before an
 * attempt resolves when the attempt may go (or rejects with the signal's reason or a typed
 * error); `record` after it, exactly once per `acquire` that resolved. A throttle may ignore
 * `options`.
 */
export interface Throttle {
  acquire(scope: string, cost: ThrottleCost, signal?: AbortSignal, options?: AcquireOptions): Promise<void>;
  record(scope: string, feedback: ThrottleFeedback): void;
}

/** A throttle that never waits. */
export const noThrottle: Throttle = Object.freeze({
  acquire: (_scope: string, _cost: ThrottleCost, signal?: AbortSignal) =>
    signal?.aborted ? Promise.reject(signal.reason) : Promise.resolve(),
  record: () => {},
});

/**
 * What the engine knows about the attempt it reports to a gate. Gates that price retries need it:
 * the AWS-style quota refunds a retry's cost when that retry succeeds, and the gRPC-style
 * throttle counts only failures the policy would retry.
 */
export interface GateAttempt {
  /** 1 for a call's first attempt, 2 for its first retry, and so on. */
  readonly attempt: number;
  /** For a failure: whether the policy's rule for it retries (whatever the attempt count). */
  readonly retryable: boolean;
  /** For a retry: what the failure it retries meant; `undefined` on a first attempt. */
  readonly previousReason: Reason | undefined;
}

/**
 * Decides whether one more retry may be sent for a scope (a retry budget or breaker). Consulted
 * before every retry; told about every outcome.
 */
export interface RetryGate {
  /**
   * True if a retry may be sent now; false makes the engine give up with the last outcome. The
   * engine passes what the failure to be retried meant (a quota may charge more for a timeout).
   */
  tryRetry(scope: string, reason?: Reason): boolean;
  /**
   * Called after every attempt with whether it succeeded (2xx/3xx) and, if not, what the
   * outcome meant (a gate may count only outage-like failures). The engine also passes the
   * attempt's place in its call.
   */
  record(scope: string, succeeded: boolean, reason?: Reason, attempt?: GateAttempt): void;
  /**
   * Optional: resolves when a retry may go out (a breaker holds retries during an outage and
   * lets one probe through); rejects with the signal's reason on abort. The engine awaits it
   * after the retry's backoff sleep.
   */
  hold?(scope: string, signal: AbortSignal): Promise<void>;
}
