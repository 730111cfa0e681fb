/** The error-body dialect (providers.md §2.3, §4.2, §5.3, §6–7). */
export type ErrorStyle = 'openai' | 'together' | 'gateway' | 'anthropic';

/** Why the mock provider refuses a request; each error style renders it in its own dialect. */
export type Problem =
  /** Over a rate limit. `waitMs` is absent when the request can never fit (larger than the bucket). */
  | { readonly kind: 'rate-limit'; readonly unit: 'requests' | 'tokens'; readonly waitMs?: number }
  /** A bad request that no retry can fix (the poison marker, `x-poison`). */
  | { readonly kind: 'invalid'; readonly status: number }
  | { readonly kind: 'model-not-found'; readonly model: string }
  /** A transient server-side failure (injected fault or outage). */
  | { readonly kind: 'server'; readonly status: number }
  | { readonly kind: 'no-route'; readonly method: string; readonly path: string };

/** A rendered refusal. */
export interface ErrorAnswer {
  readonly status: number;
  readonly body: string;
}

/** "Please try again in 1.146s." as OpenAI writes it into messages (providers.md §2.3). */
export function tryAgainIn(waitMs: number | undefined): string {
  return waitMs === undefined ? '' : ` Please try again in ${(Math.ceil(waitMs) / 1000).toFixed(3)}s.`;
}
