import type { Policy } from '../policy/types.js';
import { readHeader } from '../retry-after/headers.js';
import { referenceNow } from '../retry-after/parse-retry-after.js';
import { readRateLimits } from '../retry-after/rate-limit-headers.js';
import { type ServerWait, serverWait } from '../retry-after/server-wait.js';
import type { ThrottleCost, ThrottleFeedback } from '../throttle/throttle.js';
import { attemptOnce, release } from './attempt-once.js';
import { Call } from './call.js';
import { classifyOutcome } from './classify-outcome.js';
import { type Failure, failureError } from './failure-error.js';
import type { Runtime } from './runtime.js';
import type { AttemptFunction, AttemptOutcome, CallOptions, CallResult } from './types.js';

export { ERROR_BODY_PREFIX_CHARS } from './classify-outcome.js';

/** One call: acquire → attempt → classify → decide → sleep, until an outcome is final. */
export async function runCall<T>(
  runtime: Runtime,
  policy: Policy,
  run: AttemptFunction<T>,
  options: CallOptions,
): Promise<CallResult<T>> {
  const call = new Call<T>(runtime, policy, options);
  runtime.emit.callStart({ call: call.info });
  try {
    for (;;) {
      if (call.signal.aborted) return call.interrupted();
      const queuedAt = runtime.clock.now();
      const refused = await call.acquire();
      if (refused !== undefined) return refused;
      const throttleWaitMs = runtime.clock.now() - queuedAt;
      call.attempts += 1;
      const start = { call: call.info, attempt: call.attempts, throttleWaitMs };
      runtime.emit.attemptStart(start);
      const wrapped: AttemptFunction<T> = (context) => runtime.wrap(start, () => run(context));
      const { outcome, timedOut } = await attemptOnce(runtime.clock, policy, wrapped, call.attempts, call.signal);
      if (call.signal.aborted) {
        call.record({ ...CANCELLED, cost: call.cost });
        call.emitAttempt(throttleWaitMs, undefined, undefined, true);
        void release(outcome);
        return call.interrupted();
      }
      const failure = await classifyOutcome(policy, outcome, timedOut);
      const wallNow = runtime.clock.wallNow();
      // A success has no wait to honour; only failures read the wait headers.
      const wait = failure && serverWait(headersOf(outcome), policy.rateLimitHeaders, wallNow, failure.waitMs);
      call.record(feedback(policy, outcome, failure, wait, call.cost, wallNow), failure?.rule);
      call.emitAttempt(throttleWaitMs, failure?.status ?? statusOf(outcome), failure?.rule, false);
      if (failure === undefined && outcome.kind === 'response') return call.succeed(outcome);
      if (failure === undefined) throw new Error('unreachable: a network outcome always fails');
      const decision = call.decide(failure, wait);
      if (decision.kind !== 'retry') {
        const value = outcome.kind === 'response' ? { value: outcome.value } : undefined;
        return call.end(failureError(failure, decision, { ...call.context(), wallNow }), value, failure.rule);
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

const NO_READINGS: readonly [] = Object.freeze([]) as readonly [];

function feedback<T>(
  policy: Policy,
  outcome: AttemptOutcome<T>,
  failure: Failure | undefined,
  wait: ServerWait | undefined,
  cost: ThrottleCost,
  wallNow: number,
): ThrottleFeedback {
  const headers = headersOf(outcome);
  const specs = policy.rateLimitHeaders;
  const rateLimits =
    specs.length === 0 || headers === undefined
      ? NO_READINGS
      : readRateLimits(headers, specs, referenceNow(wallNow, readHeader(headers, 'date')));
  return {
    cost,
    reason: failure?.rule.reason,
    status: statusOf(outcome),
    retryAfterMs: wait?.delayMs,
    rateLimits,
    cancelled: false,
  };
}

function headersOf<T>(outcome: AttemptOutcome<T>) {
  return outcome.kind === 'response' ? outcome.headers : undefined;
}

function statusOf<T>(outcome: AttemptOutcome<T>): number | undefined {
  return outcome.kind === 'response' ? outcome.status : undefined;
}
