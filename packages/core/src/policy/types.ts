import type { BackoffOptions, JitterMode } from '../backoff/backoff.js';
import type { RateLimitHeaderSpec } from '../retry-after/rate-limit-headers.js';
import type { Reason } from './reason.js';

/** What to do with an outcome. */
export type Action = 'retry' | 'fail';

/** One rule as written in a policy file. A bare `"retry"` or `"fail"` is shorthand for `{ action }`. */
export interface RuleInput {
  readonly action: Action;
  /** What the outcome means; errors and events carry it, the throttle learns from `rate-limit`. */
  readonly reason?: Reason;
  /** What a person can do about it, shown in errors. Write it as an instruction. */
  readonly hint?: string;
  /**
   * Retry only while the call has made fewer attempts than this when this rule matches
   * (2 = "retry at most once"). Capped by the policy's `maxAttempts`. Only for `retry`.
   */
  readonly maxAttempts?: number;
  /** Backoff for this rule, over the policy's. Only for `retry`. */
  readonly backoff?: Partial<BackoffOptionsInput>;
  /** Wait as long as the server asks (`retry-after-ms`, `Retry-After`, reset headers). @default true */
  readonly honorRetryAfter?: boolean;
  /**
   * For a chain of targets (`@staunch/failover`): `true` moves the call on to the next target
   * when this outcome ends the call at one (e.g. context length → a target with a longer
   * context), `false` never does. @default by reason: outcomes that belong to the target move on
   */
  readonly failover?: boolean;
}

export interface BackoffOptionsInput {
  readonly jitter: JitterMode;
  readonly baseMs: number;
  readonly capMs: number;
}

/** A policy as written: plain JSON. See `policy.schema.json` beside this package. */
export interface PolicyInput {
  /** Shown in errors as `provider`. */
  readonly name?: string;
  /**
   * The policy whose rules and settings this one starts from: `"default"` (the default), `"none"`
   * (only the built-in fallbacks), or a preset name where a preset resolver is given.
   * @default 'default'
   */
  readonly extends?: string;
  /** Outcome → action. Keys: `"429"`, `"5xx"`, `"520-524"`, `"429:insufficient_quota"`, `"network"`, `"timeout"`. */
  readonly rules?: Readonly<Record<string, Action | RuleInput>>;
  /** Attempts per call, including the first. @default 5 */
  readonly maxAttempts?: number;
  readonly backoff?: Partial<BackoffOptionsInput>;
  /** A server wait above this fails fast with `retryAt` instead of sleeping, in ms. @default 60000 */
  readonly maxRetryAfterMs?: number;
  /** Each attempt is aborted after this many ms and counts as a `timeout` outcome. @default none */
  readonly attemptTimeoutMs?: number;
  /** The whole call, waits included, settles within this many ms. @default none */
  readonly timeoutMs?: number;
  /** How this provider writes its rate-limit headers. */
  readonly rateLimitHeaders?: readonly RateLimitHeaderSpec[];
  /**
   * Where to look for the provider's error code in a JSON error body, as dotted paths, in order.
   * @default ["error.code", "error.type", "error_type", "error.metadata.error_type", "code", "type", "error.status"]
   */
  readonly errorCodePaths?: readonly string[];
  /**
   * Obey the server's `x-should-retry: true | false` header (OpenAI, Anthropic) over the rule's
   * action. @default false
   */
  readonly shouldRetryHeader?: boolean;
}

/** A rule after validation. */
export interface Rule {
  readonly key: string;
  readonly action: Action;
  readonly reason: Reason;
  readonly hint: string | undefined;
  readonly maxAttempts: number;
  readonly backoff: BackoffOptions;
  readonly honorRetryAfter: boolean;
  /** Set only when the policy says: whether a chain of targets moves on after this outcome. */
  readonly failover?: boolean;
}

/** A validated, frozen policy, ready for the engine. Build with `definePolicy()`. */
export interface Policy {
  readonly name: string;
  readonly maxAttempts: number;
  readonly backoff: BackoffOptions;
  readonly maxRetryAfterMs: number;
  readonly attemptTimeoutMs: number | undefined;
  readonly timeoutMs: number | undefined;
  readonly rateLimitHeaders: readonly RateLimitHeaderSpec[];
  readonly errorCodePaths: readonly string[];
  readonly shouldRetryHeader: boolean;
  /** The rules by canonical key. */
  readonly rules: Readonly<Record<string, Rule>>;
  /** The input this policy was resolved to (flattened, no `extends`): serialisable. */
  readonly source: PolicyInput;
}
