import { AbortedError } from '../errors/aborted-error.js';
import { DeadlineError } from '../errors/deadline-error.js';
import { QueueFullError } from '../errors/queue-full-error.js';
import type { StaunchError } from '../errors/staunch-error.js';
import { isStaunchError } from '../errors/staunch-error.js';
import type { Policy } from '../policy/types.js';
import { readHeader } from '../retry-after/headers.js';
import { referenceNow } from '../retry-after/parse-retry-after.js';
import { readRateLimits } from '../retry-after/rate-limit-headers.js';
import { type ServerWait, serverWait } from '../retry-after/server-wait.js';
import type { Clock } from '../runtime/clock.js';
import type { Random } from '../runtime/random.js';
import { sleep } from '../runtime/sleep.js';
import type { RetryGate, Throttle, ThrottleCost, ThrottleFeedback } from '../throttle/throttle.js';
import { attemptOnce, release } from './attempt-once.js';
import { classifyOutcome } from './classify-outcome.js';
import { type Decision, decide } from './decide.js';
import { type Failure, failureError } from './failure-error.js';
import { DEADLINE, linkedController } from './signals.js';
import type {
  AttemptEvent,
  AttemptFunction,
  AttemptOutcome,
  CallOptions,
  CallResult,
  GiveUpEvent,
  RetryEvent,
  SuccessEvent,
} from './types.js';

export { ERROR_BODY_PREFIX_CHARS } from './classify-outcome.js';

export interface Runtime {
  readonly clock: Clock;
  readonly random: Random;
  readonly throttle: Throttle;
  readonly gate: RetryGate | undefined;
  readonly emit: {
    attempt(event: AttemptEvent): void;
    retry(event: RetryEvent): void;
    giveUp(event: GiveUpEvent): void;
    success(event: SuccessEvent): void;
  };
}

const ONE_REQUEST: ThrottleCost = Object.freeze({ requests: 1, tokens: 0 });

/** One call: acquire → attempt → classify → decide → sleep, until an outcome is final. */
export async function runCall<T>(
  runtime: Runtime,
  policy: Policy,
  run: AttemptFunction<T>,
  options: CallOptions,
): Promise<CallResult<T>> {
  const call = new Call<T>(runtime, policy, options);
  try {
    for (;;) {
      if (call.signal.aborted) return call.interrupted();
      const queuedAt = runtime.clock.now();
      const refused = await call.acquire();
      if (refused !== undefined) return refused;
      const throttleWaitMs = runtime.clock.now() - queuedAt;
      call.attempts += 1;
      const { outcome, timedOut } = await attemptOnce(
        runtime.clock,
        policy,
        run,
        call.attempts,
        options.signal,
        call.signal,
      );
      if (call.signal.aborted) {
        call.record({ ...CANCELLED, cost: call.cost });
        call.emitAttempt(throttleWaitMs, undefined, undefined, true);
        void release(outcome);
        return call.interrupted();
      }
      const failure = await classifyOutcome(policy, outcome, timedOut);
      const wallNow = runtime.clock.wallNow();
      const wait = serverWait(headersOf(outcome), policy.rateLimitHeaders, wallNow, failure?.waitMs);
      call.record(feedback(policy, outcome, failure, wait, call.cost, wallNow));
      call.emitAttempt(throttleWaitMs, failure?.status ?? statusOf(outcome), failure?.rule.reason, false);
      if (failure === undefined && outcome.kind === 'response') return call.succeed(outcome);
      if (failure === undefined) throw new Error('unreachable: a network outcome always fails');
      const decision = call.decide(failure, wait);
      if (decision.kind !== 'retry') {
        const value = outcome.kind === 'response' ? { value: outcome.value } : undefined;
        return call.end(failureError(failure, decision, { ...call.context(), wallNow }), value);
      }
      await release(outcome);
      const interrupted = await call.wait(decision, failure);
      if (interrupted !== undefined) return interrupted;
    }
  } finally {
    call.dispose();
  }
}

const CANCELLED: Omit<ThrottleFeedback, 'cost'> = Object.freeze({
  reason: undefined,
  status: undefined,
  retryAfterMs: undefined,
  rateLimits: Object.freeze([]),
  cancelled: true,
});

/** The state of one call and the small steps of its loop. */
class Call<T> {
  readonly scope: string;
  readonly cost: ThrottleCost;
  attempts = 0;
  #previousDelayMs = 0;
  readonly #started: number;
  readonly #deadline: ReturnType<typeof linkedController>;

  constructor(
    readonly runtime: Runtime,
    readonly policy: Policy,
    readonly options: CallOptions,
  ) {
    this.#started = runtime.clock.now();
    this.scope = options.scope ?? policy.name;
    this.cost = options.cost ?? ONE_REQUEST;
    this.#deadline = linkedController(runtime.clock, options.signal, policy.timeoutMs, DEADLINE);
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
      await this.runtime.throttle.acquire(this.scope, this.cost, this.signal);
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
  record(feedback: ThrottleFeedback): void {
    guarded(() => this.runtime.throttle.record(this.scope, feedback));
    if (feedback.cancelled) return;
    guarded(() => this.runtime.gate?.record(this.scope, feedback.reason === undefined, feedback.reason));
  }

  emitAttempt(
    throttleWaitMs: number,
    status: number | undefined,
    reason: AttemptEvent['reason'],
    cancelled: boolean,
  ): void {
    this.runtime.emit.attempt({
      scope: this.scope,
      attempt: this.attempts,
      elapsedMs: this.elapsed(),
      throttleWaitMs,
      status,
      reason,
      cancelled,
    });
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
    if (decision.kind === 'retry' && this.runtime.gate !== undefined && !this.runtime.gate.tryRetry(this.scope)) {
      return { kind: 'exhausted', why: 'the retry budget for this scope is spent (too many recent failures)' };
    }
    return decision;
  }

  /** Sleeps before the next attempt; returns a final result if the call is interrupted meanwhile. */
  async wait(decision: Extract<Decision, { kind: 'retry' }>, failure: Failure): Promise<CallResult<T> | undefined> {
    this.runtime.emit.retry({
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
    this.runtime.emit.success({ scope: this.scope, attempts: this.attempts, elapsedMs, status: outcome.status });
    return { ok: true, value: outcome.value, status: outcome.status, attempts: this.attempts, elapsedMs };
  }

  end(error: StaunchError, value?: { value: T }): CallResult<T> {
    const elapsedMs = this.elapsed();
    this.runtime.emit.giveUp({ scope: this.scope, attempts: this.attempts, elapsedMs, error });
    return { ok: false, error, value: value?.value, hasValue: value !== undefined, attempts: this.attempts, elapsedMs };
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

function feedback<T>(
  policy: Policy,
  outcome: AttemptOutcome<T>,
  failure: Failure | undefined,
  wait: ServerWait | undefined,
  cost: ThrottleCost,
  wallNow: number,
): ThrottleFeedback {
  const headers = headersOf(outcome);
  const serverNow = referenceNow(wallNow, readHeader(headers, 'date'));
  return {
    cost,
    reason: failure?.rule.reason,
    status: statusOf(outcome),
    retryAfterMs: wait?.delayMs,
    rateLimits: readRateLimits(headers, policy.rateLimitHeaders, serverNow),
    cancelled: false,
  };
}

function headersOf<T>(outcome: AttemptOutcome<T>) {
  return outcome.kind === 'response' ? outcome.headers : undefined;
}

function statusOf<T>(outcome: AttemptOutcome<T>): number | undefined {
  return outcome.kind === 'response' ? outcome.status : undefined;
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
