import type { StaunchError } from '../errors/staunch-error.js';
import type { Disposable, Event } from '../events/event.js';
import type { Reason } from '../policy/reason.js';
import type { Action, Policy, Rule } from '../policy/types.js';
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
  /** What the adapter sends, for telemetry and events; the engine never reads it. */
  readonly request?: RequestInfo | undefined;
}

/** The request an adapter sends, as events report it. */
export interface RequestInfo {
  readonly method: string;
  readonly url: string;
  /** The model named in a JSON body. */
  readonly model?: string | undefined;
}

/** One call, the same frozen object in every event the call emits (telemetry keys on it). */
export interface CallInfo {
  readonly scope: string;
  /** The name of the call's policy (a preset's name, or the policy's own). */
  readonly policy: string;
  readonly maxAttempts: number;
  readonly request: RequestInfo | undefined;
}

export interface CallStartEvent {
  readonly call: CallInfo;
}

/** Emitted once the throttle granted an attempt, just before the transport is called. */
export interface AttemptStartEvent {
  readonly call: CallInfo;
  readonly attempt: number;
  /** How long the throttle held this attempt, in ms. */
  readonly throttleWaitMs: number;
}

/**
 * Runs around each attempt's transport call and must call `run` once, returning what it returns
 * (telemetry makes its span current there, so spans of the HTTP client nest under it).
 */
export type AttemptWrapper = <R>(event: AttemptStartEvent, run: () => R) => R;

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
      /** The rule that classified the last outcome, when one did (not for an abort, deadline or throttle refusal). */
      readonly rule?: Rule;
    });

export interface AttemptEvent {
  readonly call: CallInfo;
  readonly scope: string;
  readonly attempt: number;
  readonly elapsedMs: number;
  /** How long the throttle held this attempt, in ms. */
  readonly throttleWaitMs: number;
  readonly status: number | undefined;
  /** `undefined` for a success. */
  readonly reason: Reason | undefined;
  /** The key of the rule that matched (`"429"`, `"5xx"`); `undefined` for a success. */
  readonly rule: string | undefined;
  /** The rule's action; the call may still end (attempts, deadline, a wait too long). */
  readonly action: Action | undefined;
  /** True when the caller's abort or the deadline ended the attempt before any outcome. */
  readonly cancelled: boolean;
}

export interface RetryEvent {
  readonly call: CallInfo;
  readonly scope: string;
  /** The attempt that just failed. */
  readonly attempt: number;
  readonly delayMs: number;
  readonly waitSource: WaitSource | 'backoff';
  readonly reason: Reason;
  readonly status: number | undefined;
}

export interface GiveUpEvent {
  readonly call: CallInfo;
  readonly scope: string;
  readonly attempts: number;
  readonly elapsedMs: number;
  readonly error: StaunchError;
}

export interface SuccessEvent {
  readonly call: CallInfo;
  readonly scope: string;
  readonly attempts: number;
  readonly elapsedMs: number;
  readonly status: number;
}

export interface Engine {
  readonly policy: Policy;
  readonly onCallStart: Event<CallStartEvent>;
  readonly onAttemptStart: Event<AttemptStartEvent>;
  readonly onAttempt: Event<AttemptEvent>;
  readonly onRetry: Event<RetryEvent>;
  readonly onGiveUp: Event<GiveUpEvent>;
  readonly onSuccess: Event<SuccessEvent>;
  /** Adds a wrapper around every attempt's transport call; dispose to remove it. */
  wrapAttempt(wrapper: AttemptWrapper): Disposable;
  execute<T>(attempt: AttemptFunction<T>, options?: CallOptions): Promise<CallResult<T>>;
}
