import { AbortedError } from '../errors/aborted-error.js';
import { DeadlineError } from '../errors/deadline-error.js';
import { QueueFullError } from '../errors/queue-full-error.js';
import { isStaunchError, type StaunchError } from '../errors/staunch-error.js';
import type { Reason } from '../policy/reason.js';
import type { Policy, Rule } from '../policy/types.js';
import type { ServerWait } from '../retry-after/server-wait.js';
import { sleep } from '../runtime/sleep.js';
import type { AcquireOptions, GateAttempt, ThrottleCost, ThrottleFeedback } from '../throttle/throttle.js';
import { type Decision, decide } from './decide.js';
import type { Failure } from './failure-error.js';
import type { Runtime } from './runtime.js';
import { callController, DEADLINE } from './signals.js';
import type { AttemptEvent, AttemptOutcome, CallInfo, CallOptions, CallResult } from './types.js';

const ONE_REQUEST: ThrottleCost = Object.freeze({ requests: 1, tokens: 0 });
const SCOUT: AcquireOptions = Object.freeze({ scout: true });
const NO_SCOUT: AcquireOptions = Object.freeze({ scout: false });

/** The state of one call and the small steps of its loop. */
export class Call<T> {
  readonly scope: string;
  readonly cost: ThrottleCost;
  /** The call as its events name it: one frozen object for all of them. */
  readonly info: CallInfo;
  attempts = 0;
  #previousDelayMs = 0;
  /** What the failure that the current attempt retries meant; the gate prices the retry by it. */
  #previousReason: Reason | undefined;
  readonly #started: number;
  readonly #deadline: ReturnType<typeof callController>;

  constructor(
    readonly runtime: Runtime,
    readonly policy: Policy,
    readonly options: CallOptions,
  ) {
    this.#started = runtime.clock.now();
    this.scope = options.scope ?? policy.name;
    this.cost = options.cost ?? ONE_REQUEST;
    this.info = Object.freeze({
      scope: this.scope,
      policy: policy.name,
      maxAttempts: policy.maxAttempts,
      request: options.request,
    });
    this.#deadline = callController(runtime.clock, options.signal, policy.timeoutMs, DEADLINE);
  }

  get signal(): AbortSignal {
    return this.#deadline.signal;
  }

  elapsed(): number {
    return this.runtime.clock.now() - this.#started;
  }

  context(): { attempts: number; elapsedMs: number; policy: Policy } {
    return { attempts: this.attempts, elapsedMs: this.elapsed(), policy: this.policy };
  }

  /** Waits for the throttle; returns a final result when it refuses or the call is interrupted. */
  async acquire(): Promise<CallResult<T> | undefined> {
    try {
      // A policy that reads rate-limit headers lets a new scope's first answer size what follows.
      const options = this.policy.rateLimitHeaders.length > 0 ? SCOUT : NO_SCOUT;
      await this.runtime.throttle.acquire(this.scope, this.cost, this.signal, options);
      return undefined;
    } catch (error) {
      if (this.signal.aborted) return this.interrupted();
      const refusal = isStaunchError(error)
        ? error
        : new QueueFullError('The throttle refused the attempt.', {
            cause: error,
            attempts: this.attempts,
            elapsedMs: this.elapsed(),
          });
      return this.end(refusal);
    }
  }

  /** Tells the throttle and the gate; a custom one that throws must not break the call. */
  record(feedback: ThrottleFeedback, rule?: Rule): void {
    guarded(() => this.runtime.throttle.record(this.scope, feedback));
    const gate = this.runtime.gate;
    if (feedback.cancelled || gate === undefined) return;
    const attempt: GateAttempt = {
      attempt: this.attempts,
      retryable: rule?.action === 'retry',
      previousReason: this.#previousReason,
    };
    guarded(() => gate.record(this.scope, feedback.reason === undefined, feedback.reason, attempt));
  }

  emitAttempt(throttleWaitMs: number, status: number | undefined, rule: Rule | undefined, cancelled: boolean): void {
    const event: AttemptEvent = {
      call: this.info,
      scope: this.scope,
      attempt: this.attempts,
      elapsedMs: this.elapsed(),
      throttleWaitMs,
      status,
      reason: rule?.reason,
      rule: rule?.key,
      action: rule?.action,
      cancelled,
    };
    this.runtime.emit.attempt(event);
  }

  decide(failure: Failure, wait: ServerWait | undefined): Decision {
    const remainingMs =
      this.policy.timeoutMs === undefined ? Number.POSITIVE_INFINITY : this.policy.timeoutMs - this.elapsed();
    const decision = decide({
      policy: this.policy,
      rule: failure.rule,
      attempts: this.attempts,
      replayable: this.options.replayable ?? true,
      serverWait: wait,
      remainingMs,
      previousDelayMs: this.#previousDelayMs,
      random: this.runtime.random,
    });
    if (decision.kind !== 'retry') return decision;
    if (this.runtime.gate !== undefined && !this.runtime.gate.tryRetry(this.scope, failure.rule.reason)) {
      return { kind: 'exhausted', why: 'the retry budget for this scope is spent (too many recent failures)' };
    }
    this.#previousReason = failure.rule.reason;
    return decision;
  }

  /** Sleeps before the next attempt; returns a final result if the call is interrupted meanwhile. */
  async wait(decision: Extract<Decision, { kind: 'retry' }>, failure: Failure): Promise<CallResult<T> | undefined> {
    this.runtime.emit.retry({
      call: this.info,
      scope: this.scope,
      attempt: this.attempts,
      delayMs: decision.delayMs,
      waitSource: decision.source,
      reason: failure.rule.reason,
      status: failure.status,
    });
    this.#previousDelayMs = decision.delayMs;
    try {
      await sleep(this.runtime.clock, decision.delayMs, this.signal);
      await this.runtime.gate?.hold?.(this.scope, this.signal);
      return undefined;
    } catch {
      return this.interrupted();
    }
  }

  succeed(outcome: Extract<AttemptOutcome<T>, { kind: 'response' }>): CallResult<T> {
    const elapsedMs = this.elapsed();
    this.runtime.emit.success({
      call: this.info,
      scope: this.scope,
      attempts: this.attempts,
      elapsedMs,
      status: outcome.status,
    });
    return { ok: true, value: outcome.value, status: outcome.status, attempts: this.attempts, elapsedMs };
  }

  end(error: StaunchError, value?: { value: T }, rule?: Rule): CallResult<T> {
    const elapsedMs = this.elapsed();
    this.runtime.emit.giveUp({ call: this.info, scope: this.scope, attempts: this.attempts, elapsedMs, error });
    const result = {
      ok: false,
      error,
      value: value?.value,
      hasValue: value !== undefined,
      attempts: this.attempts,
      elapsedMs,
    } as const;
    return rule === undefined ? result : { ...result, rule };
  }

  /** The call's signal fired: the deadline, or the caller's abort (whose reason is kept as `cause`). */
  interrupted(): CallResult<T> {
    const reason: unknown = this.signal.reason;
    const context = { attempts: this.attempts, elapsedMs: this.elapsed(), provider: this.policy.name };
    if (reason === DEADLINE) {
      const message = `The call's deadline of ${this.policy.timeoutMs} ms ran out after ${this.attempts} attempt(s).`;
      return this.end(new DeadlineError(message, context));
    }
    return this.end(new AbortedError({ ...context, cause: reason }));
  }

  dispose(): void {
    this.#deadline.dispose();
  }
}

/** Runs a hook of a pluggable part; its exception is reported asynchronously, never thrown here. */
function guarded(hook: () => void): void {
  try {
    hook();
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}

/** The injected random source; one that throws is reported like a hook and reads as NaN (backoff clamps it). */
export function guardedRandom(random: () => number): () => number {
  return () => {
    let value = Number.NaN;
    guarded(() => {
      value = random();
    });
    return value;
  };
}
