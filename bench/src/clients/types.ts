import type { CapacityStep, HintStyle } from '@staunch/testing';

/** How the server counts a key's requests, as the oracle is told it. */
export type LimiterFacts =
  | { readonly kind: 'token-bucket' }
  /** `rate × windowMs / 1000` requests per window; windows start on wall-clock multiples of `windowMs`. */
  | { readonly kind: 'fixed-window'; readonly windowMs: number }
  | { readonly kind: 'concurrency'; readonly maxConcurrent: number };

/** One logical call the arena asks a client to make. */
export interface BenchRequest {
  /** Sent as `x-request-id`, so the provider can count arrivals per logical request. */
  readonly id: string;
  /** The JSON chat-completion body. */
  readonly body: string;
  /** Aborted when the scenario's time is up. */
  readonly signal: AbortSignal;
}

/** How a call ended. `status` is the final HTTP status, 0 for a network error. */
export interface BenchResult {
  readonly ok: boolean;
  readonly status: number;
}

/** What a client may know when it is built: where to send, and (only the oracle reads them) the true limits. */
export interface ClientContext {
  /** `http://127.0.0.1:PORT`. */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly hint: HintStyle;
  /** The server's real limits for this key, as the oracle is told them. */
  readonly rate: number;
  readonly burst: number;
  readonly capacity: readonly CapacityStep[];
  readonly limiter: LimiterFacts;
  /** The part of the key's rate this process may use (1 alone, 1/4 for one of four processes). */
  readonly share: number;
  /** The policy Staunch's client is built with; absent: the preset a user would pick for the hint. */
  readonly policy?: string;
}

export interface ArenaClient {
  send(request: BenchRequest): Promise<BenchResult>;
  /** Stops timers and queues the client owns. */
  close?(): void;
}

export type ClientFactory = (context: ClientContext) => ArenaClient;

export const CHAT_PATH = '/v1/chat/completions';

/** Headers every client sends: the key and the request id the provider counts arrivals by. */
export function benchHeaders(context: ClientContext, request: BenchRequest): Record<string, string> {
  return {
    'content-type': 'application/json',
    authorization: `Bearer ${context.apiKey}`,
    'x-request-id': request.id,
  };
}
