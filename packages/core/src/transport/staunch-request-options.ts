import type { Policy, PolicyInput } from '../policy/types.js';

/**
 * Per-request Staunch settings, as an adapter reads them off its transport's request (axios
 * `config.staunch`, ky `context.staunch`). Every field falls back to the adapter's own setting.
 */
export interface StaunchRequestOptions {
  /** A policy for this request only: a preset name, a policy input or a built policy. */
  readonly policy?: string | PolicyInput | Policy | undefined;
  /** Reject with Staunch's typed error instead of the transport's. @default the adapter's setting */
  readonly typedErrors?: boolean | undefined;
  /** The throttle scope for this request. @default provider + hashed key + model */
  readonly scope?: string | undefined;
  /** The idempotency-key header for this request, or `false` to send none. @default the adapter's setting */
  readonly idempotencyKeyHeader?: string | false | undefined;
}
