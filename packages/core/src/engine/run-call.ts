import { AbortedError } from '../errors/aborted-error.js';
import { DeadlineError } from '../errors/deadline-error.js';
import { QueueFullError } from '../errors/queue-full-error.js';
import type { StaunchError } from '../errors/staunch-error.js';
import { isStaunchError } from '../errors/staunch-error.js';
import { readErrorBody } from '../policy/error-body.js';
import { matchRule } from '../policy/match-rule.js';
import type { Policy } from '../policy/types.js';
import { readHeader } from '../retry-after/headers.js';
import { referenceNow } from '../retry-after/parse-retry-after.js';
import { readRateLimits } from '../retry-after/rate-limit-headers.js';
import { serverWait } from '../retry-after/server-wait.js';
import type { Clock } from '../runtime/clock.js';
import type { Random } from '../runtime/random.js';
import { sleep } from '../runtime/sleep.js';
import type { RetryGate, Throttle, ThrottleCost } from '../throttle/throttle.js';
import { decide } from './decide.js';
import { type Failure, failureError } from './failure-error.js';
import { ATTEMPT_TIMEOUT, DEADLINE, linkedController, raceSignal, transportSignal } from './signals.js';
import type {
  AttemptContext,
  AttemptEvent,
  AttemptFunction,
  AttemptOutcome,
  CallOptions,
  CallResult,
  GiveUpEvent,
  RetryEvent,
  SuccessEvent,
} from './types.js';

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

/** The most error-body text read to find a provider code, in characters. */
export const ERROR_BODY_PREFIX_CHARS = 64 * 1024;
const ONE_REQUEST: ThrottleCost = Object.freeze({ requests: 1, tokens: 0 });

/** One call: acquire → attempt → classify → decide → sleep, until an outcome is final. */
export async function runCall<T>(
  runtime: Runtime,
  policy: Policy,
  run: AttemptFunction<T>,
  options: CallOptions,
): Promise<CallResult<T>> {
  const { clock } = runtime;
  const started = clock.now();
  const scope = options.scope ?? policy.name;
  const cost = options.cost ?? ONE_REQUEST;
  const caller = options.signal;
  const call = linkedController(clock, caller, policy.timeoutMs, DEADLINE);
  const elapsed = (): number => clock.now() - started;
  let attempts = 0;
  let previousDelayMs = 0;
  const end = (error: StaunchError, value?: { value: T }): CallResult<T> => {
    runtime.emit.giveUp({ scope, attempts, elapsedMs: elapsed(), error });
    return { ok: false, error, value: value?.value, hasValue: value !== undefined, attempts, elapsedMs: elapsed() };
  };
  const interrupted = (): CallResult<T> => {
    const reason: unknown = call.signal.reason;
    if (reason === DEADLINE) {
      return end(
        new DeadlineError(`The call's deadline of ${policy.timeoutMs} ms ran out after ${attempts} attempt(s).`, {
          attempts,
          elapsedMs: elapsed(),
          provider: policy.name,
        }),
      );
    }
    return end(new AbortedError({ attempts, elapsedMs: elapsed(), provider: policy.name, cause: reason }));
  };
  try {
    for (;;) {
      if (call.signal.aborted) return interrupted();
      const queued = clock.now();
      try {
        await runtime.throttle.acquire(scope, cost, call.signal);
      } catch (error) {
        if (call.signal.aborted) return interrupted();
        return end(
          isStaunchError(error)
            ? error
            : new QueueFullError('The throttle refused the attempt.', { cause: error, attempts, elapsedMs: elapsed() }),
        );
      }
      const throttleWaitMs = clock.now() - queued;
      attempts += 1;
      const attempt = linkedController(clock, call.signal, policy.attemptTimeoutMs, ATTEMPT_TIMEOUT);
      let outcome: AttemptOutcome<T>;
      try {
        outcome = await raceSignal(
          invoke(run, { attempt: attempts, signal: transportSignal(caller, attempt.signal) }).catch(
            (error: unknown): AttemptOutcome<T> => ({ kind: 'network', error }),
          ),
          attempt.signal,
        );
      } catch {
        outcome = { kind: 'network', error: attempt.signal.reason };
      } finally {
        attempt.dispose();
      }
      if (call.signal.aborted) {
        runtime.throttle.record(scope, {
          cost,
          reason: undefined,
          status: undefined,
          retryAfterMs: undefined,
          rateLimits: [],
          cancelled: true,
        });
        if (outcome.kind === 'response') void release(outcome);
        return interrupted();
      }
      const timedOut = outcome.kind === 'network' && attempt.signal.reason === ATTEMPT_TIMEOUT;
      const failure = await inspect(policy, outcome, timedOut);
      const wallNow = runtime.clock.wallNow();
      const headers = outcome.kind === 'response' ? outcome.headers : undefined;
      const wait = serverWait(headers, policy.rateLimitHeaders, wallNow, failure?.waitMs);
      runtime.throttle.record(scope, {
        cost,
        reason: failure?.rule.reason,
        status: outcome.kind === 'response' ? outcome.status : undefined,
        retryAfterMs: wait?.delayMs,
        rateLimits: readRateLimits(
          headers,
          policy.rateLimitHeaders,
          referenceNow(wallNow, readHeader(headers, 'date')),
        ),
        cancelled: false,
      });
      runtime.gate?.record(scope, failure === undefined, failure?.rule.reason);
      runtime.emit.attempt({
        scope,
        attempt: attempts,
        elapsedMs: elapsed(),
        throttleWaitMs,
        status: failure?.status ?? (outcome.kind === 'response' ? outcome.status : undefined),
        reason: failure?.rule.reason,
      });
      if (failure === undefined && outcome.kind === 'response') {
        runtime.emit.success({ scope, attempts, elapsedMs: elapsed(), status: outcome.status });
        return { ok: true, value: outcome.value, status: outcome.status, attempts, elapsedMs: elapsed() };
      }
      if (failure === undefined) throw new Error('unreachable: a network outcome always fails');
      const remainingMs = policy.timeoutMs === undefined ? Number.POSITIVE_INFINITY : policy.timeoutMs - elapsed();
      let decision = decide({
        policy,
        rule: failure.rule,
        attempts,
        replayable: options.replayable ?? true,
        serverWait: wait,
        remainingMs,
        previousDelayMs,
        random: runtime.random,
      });
      if (decision.kind === 'retry' && runtime.gate !== undefined && !runtime.gate.tryRetry(scope)) {
        decision = { kind: 'exhausted', why: 'the retry budget for this scope is spent (too many recent failures)' };
      }
      const value = outcome.kind === 'response' ? { value: outcome.value } : undefined;
      if (decision.kind !== 'retry') {
        return end(failureError(failure, decision, { attempts, elapsedMs: elapsed(), policy, wallNow }), value);
      }
      if (outcome.kind === 'response') await release(outcome);
      runtime.emit.retry({
        scope,
        attempt: attempts,
        delayMs: decision.delayMs,
        waitSource: decision.source,
        reason: failure.rule.reason,
        status: failure.status,
      });
      previousDelayMs = decision.delayMs;
      try {
        await sleep(clock, decision.delayMs, call.signal);
        await runtime.gate?.hold?.(scope, call.signal);
      } catch {
        return interrupted();
      }
    }
  } finally {
    call.dispose();
  }
}

/** Calls the transport so that a synchronous throw becomes a rejection like any other. */
function invoke<T>(run: AttemptFunction<T>, context: AttemptContext): Promise<AttemptOutcome<T>> {
  try {
    return Promise.resolve(run(context));
  } catch (error) {
    return Promise.reject(error);
  }
}

/** Discards a response the caller will not get; a failing discard must not fail the call. */
async function release<T>(outcome: Extract<AttemptOutcome<T>, { kind: 'response' }>): Promise<void> {
  try {
    await outcome.discard?.();
  } catch {
    // Nothing to do: the response is abandoned either way.
  }
}

/** Classifies an outcome. `undefined` means success (a status below 400). */
async function inspect<T>(policy: Policy, outcome: AttemptOutcome<T>, timedOut: boolean): Promise<Failure | undefined> {
  if (outcome.kind === 'network') {
    const kind = timedOut ? 'timeout' : 'network';
    return {
      rule: matchRule(policy, { kind }),
      status: undefined,
      codes: [],
      message: undefined,
      waitMs: undefined,
      cause: outcome.error,
    };
  }
  if (outcome.status < 400) return undefined;
  let text: string | undefined;
  try {
    text = await outcome.readErrorBody?.();
  } catch {
    text = undefined;
  }
  const body = readErrorBody(text?.slice(0, ERROR_BODY_PREFIX_CHARS), policy.errorCodePaths);
  const rule = matchRule(policy, { kind: 'status', status: outcome.status, codes: body.codes, message: body.message });
  return {
    rule,
    status: outcome.status,
    codes: body.codes,
    message: body.message,
    waitMs: body.waitMs,
    cause: undefined,
  };
}
