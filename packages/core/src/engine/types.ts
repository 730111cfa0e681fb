import type { StaunchError } from '../errors/staunch-error.js';
import type { Event } from '../events/event.js';
import type { Reason } from '../policy/reason.js';
import type { Policy } from '../policy/types.js';
import type { HeaderLookup } from '../retry-after/headers.js';
import type { WaitSource } from '../retry-after/server-wait.js';
import type { ThrottleCost } from '../throttle/throttle.js';

/** What the transport hands the engine after one attempt. Adapters build these. */
export type AttemptOutcome<T> =
  | {
      readonly kind: 'response';
      readonly status: number;
      readonly headers: HeaderLookup;
      /** The transport's own response value, returned to the caller when this is the final outcome. */
      readonly value: T;
      /** A bounded prefix of the error body, read without consuming what the caller receives. */
      readonly readErrorBody?: () => Promise<string | undefined>;
      /** Releases the response (cancels its body) when the engine retries instead of returning it. */
      readonly discard?: () => void | Promise<void>;
    }
  | {
      readonly kind: 'network';
      readonly error: unknown;
      /** Set by an adapter whose transport timed the attempt out itself (axios `timeout`). */
      readonly timedOut?: boolean;
    };

export interface AttemptContext {
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** Aborts on the caller's signal, the attempt timeout and the call deadline: pass it to the transport. */
  readonly signal: AbortSignal;
}

export type AttemptFunction<T> = (context: AttemptContext) => Promise<AttemptOutcome<T>>;

export interface CallOptions {
  readonly signal?: AbortSignal | undefined;
  /** The throttle scope (provider + hashed key + model). @default the policy name */
  readonly scope?: string | undefined;
  readonly cost?: ThrottleCost | undefined;
  /** False when the request body cannot be sent twice: the call then makes one attempt only. @default true */
  readonly replayable?: boolean | undefined;
  /** A policy for this call only, instead of the engine's. */
  readonly policy?: Policy | undefined;
}

interface Settled {
  readonly attempts: number;
  readonly elapsedMs: number;
}

/** How a call ended. The engine never throws; an adapter turns this into a return or a throw. */
export type CallResult<T> =
  | (Settled & { readonly ok: true; readonly value: T; readonly status: number })
  | (Settled & {
      readonly ok: false;
      readonly error: StaunchError;
      /** The last response, when the call ended on one (fail-fast, retries exhausted, wait too long). */
      readonly value: T | undefined;
      readonly hasValue: boolean;
    });

export interface AttemptEvent {
  readonly scope: string;
  readonly attempt: number;
  readonly elapsedMs: number;
  /** How long the throttle held this attempt, in ms. */
  readonly throttleWaitMs: number;
  readonly status: number | undefined;
  /** `undefined` for a success. */
  readonly reason: Reason | undefined;
  /** True when the caller's abort or the deadline ended the attempt before any outcome. */
  readonly cancelled: boolean;
}

export interface RetryEvent {
  readonly scope: string;
  /** The attempt that just failed. */
  readonly attempt: number;
  readonly delayMs: number;
  readonly waitSource: WaitSource | 'backoff';
  readonly reason: Reason;
  readonly status: number | undefined;
}

export interface GiveUpEvent {
  readonly scope: string;
  readonly attempts: number;
  readonly elapsedMs: number;
  readonly error: StaunchError;
}

export interface SuccessEvent {
  readonly scope: string;
  readonly attempts: number;
  readonly elapsedMs: number;
  readonly status: number;
}

export interface Engine {
  readonly policy: Policy;
  readonly onAttempt: Event<AttemptEvent>;
  readonly onRetry: Event<RetryEvent>;
  readonly onGiveUp: Event<GiveUpEvent>;
  readonly onSuccess: Event<SuccessEvent>;
  execute<T>(attempt: AttemptFunction<T>, options?: CallOptions): Promise<CallResult<T>>;
}
