// The public surface of @staunch/core. Every export is listed by hand; a test snapshots the names.

export { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF, type JitterMode } from './backoff/backoff.js';
export { createEngine, type EngineOptions } from './engine/create-engine.js';
export { type DecideInput, type Decision, decide } from './engine/decide.js';
export type {
  AttemptContext,
  AttemptEvent,
  AttemptFunction,
  AttemptOutcome,
  AttemptStartEvent,
  AttemptWrapper,
  CallInfo,
  CallOptions,
  CallResult,
  CallStartEvent,
  Engine,
  GiveUpEvent,
  RequestInfo,
  RetryEvent,
  SuccessEvent,
} from './engine/types.js';
export { AbortedError, isAbortedError } from './errors/aborted-error.js';
export { ConfigError, isConfigError } from './errors/config-error.js';
export { DeadlineError, isDeadlineError } from './errors/deadline-error.js';
export { HttpError, isHttpError } from './errors/http-error.js';
export { isQueueFullError, QueueFullError } from './errors/queue-full-error.js';
export { isRetriesExhaustedError, RetriesExhaustedError } from './errors/retries-exhausted-error.js';
export { isRetryAfterTooLongError, RetryAfterTooLongError } from './errors/retry-after-too-long-error.js';
export { brandGuard, isStaunchError, StaunchError, type StaunchErrorContext } from './errors/staunch-error.js';
export { isStreamError, StreamError, type StreamErrorContext, type StreamFailure } from './errors/stream-error.js';
export { createEmitter, type Disposable, type Emitter, type Event } from './events/event.js';
export { DEFAULT_POLICY_INPUT, QUOTA_CODES } from './policy/default-policy.js';
export {
  DEFAULT_ERROR_CODE_PATHS,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_MAX_RETRY_AFTER_MS,
  type DefinePolicyOptions,
  definePolicy,
  isPolicy,
  POLICY_KEYS,
} from './policy/define-policy.js';
export { type ErrorBodyInfo, readErrorBody } from './policy/error-body.js';
export { matchRule, type OutcomeKey } from './policy/match-rule.js';
export { didYouMean, nearestName } from './policy/nearest-name.js';
export { type OptionKeys, rejectUnknownOptions } from './policy/option-keys.js';
export { REASONS, type Reason } from './policy/reason.js';
export type { Action, Policy, PolicyInput, Rule, RuleInput } from './policy/types.js';
export { parseGoDuration } from './retry-after/go-duration.js';
export { type HeaderLookup, headersFromRecord } from './retry-after/headers.js';
export { parseHttpDate } from './retry-after/http-date.js';
export { parseReset, type ResetFormat } from './retry-after/parse-reset.js';
export { parseRetryAfter, parseRetryAfterMs } from './retry-after/parse-retry-after.js';
export { type RateLimitHeaderSpec, type RateLimitReading, readRateLimits } from './retry-after/rate-limit-headers.js';
export { type ServerWait, serverWait, type WaitSource } from './retry-after/server-wait.js';
export { type Clock, MAX_TIMER_MS, systemClock, type TimerHandle } from './runtime/clock.js';
export { mathRandom, type Random, seededRandom } from './runtime/random.js';
export { sleep } from './runtime/sleep.js';
export { flushMicrotasks, VirtualClock } from './runtime/virtual-clock.js';
export { acquireStep, refillScope, type StepResult, WAIT_FOR_RELEASE } from './throttle/acquire-step.js';
export { type AdaptiveThrottle, createAdaptiveThrottle } from './throttle/adaptive-throttle.js';
export { applyHeaders, headerRatePerS, isQuotaReading, QUOTA_WINDOW_S } from './throttle/apply-headers.js';
export { type CubicShape, cubicK, cubicRate } from './throttle/cubic.js';
export { epochRate } from './throttle/epoch-rate.js';
export { type RequestFacts, requestFacts } from './throttle/estimate-cost.js';
export {
  createOutageGate,
  DEFAULT_MAX_HELD,
  DEFAULT_MAX_HOLD_MS,
  type OutageGate,
  type OutageGateOptions,
} from './throttle/outage-gate.js';
export {
  DEFAULT_OUTAGE_TUNING,
  initialOutageState,
  type OutageSignal,
  type OutageState,
  type OutageTuning,
  outageProbe,
  outageRecord,
  outageSignal,
  type ProbeStep,
} from './throttle/outage-state.js';
export { probeTime, recordStep } from './throttle/record-step.js';
export { createRetryBudget, type RetryBudget, type RetryBudgetOptions } from './throttle/retry-budget.js';
export { createRetryQuota, type RetryQuota, type RetryQuotaOptions } from './throttle/retry-quota.js';
export { createRetryThrottle, type RetryThrottle, type RetryThrottleOptions } from './throttle/retry-throttle.js';
export { type ScopeParts, scopeKey } from './throttle/scope-key.js';
export {
  burstFor,
  DEFAULT_TUNING,
  initialScopeState,
  isScouting,
  SCOUT_MS,
  type ScopePhase,
  type ScopeState,
  type ThrottleTuning,
} from './throttle/scope-state.js';
export {
  type AcquireOptions,
  type GateAttempt,
  noThrottle,
  type RetryGate,
  type Throttle,
  type ThrottleCost,
  type ThrottleFeedback,
} from './throttle/throttle.js';
export { type AdaptiveThrottleOptions, DEFAULT_IDLE_EVICT_MS, DEFAULT_MAX_QUEUE } from './throttle/throttle-options.js';
export { type QueueNode, queueAbortable, WaiterQueue } from './throttle/waiter-queue.js';
export { WakeTimer } from './throttle/wake-timer.js';
export { apiKeyOf } from './transport/api-key-of.js';
export { ensureIdempotencyKey, type KeyedHeaders } from './transport/ensure-idempotency-key.js';
export { policyCache } from './transport/policy-cache.js';
export { discardBody, ERROR_BODY_SNIFF_BYTES, readBodyPrefix } from './transport/response-body.js';
export { responseOutcome } from './transport/response-outcome.js';
export { retainSignal } from './transport/retain-signal.js';
export { commitSseBody } from './transport/sse/commit-sse-body.js';
export { commitStream, isEventStream } from './transport/sse/commit-stream.js';
export { isEventStreamType } from './transport/sse/event-stream-type.js';
export {
  type CommitStreamOptions,
  resolveStreamGuardOptions,
  STREAM_GUARD_OPTION_KEYS,
  type StreamGuardOptions,
} from './transport/sse/stream-options.js';
export type { StaunchRequestOptions } from './transport/staunch-request-options.js';
