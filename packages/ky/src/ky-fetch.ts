import {
  AbortedError,
  type AttemptContext,
  apiKeyOf,
  type CallResult,
  commitStream,
  DeadlineError,
  type Engine,
  ensureIdempotencyKey,
  policyCache,
  requestFacts,
  resolveStreamGuardOptions,
  responseOutcome,
  type StreamGuardOptions,
  scopeKey,
} from '@staunch/core';
import { adapterEvents, type FailoverOptions, type RouteTelemetry, routerFromOptions } from '@staunch/failover';
import { createPolicyEngine, policyByHost, resolvePolicy, type StaunchOptions } from '@staunch/presets';
import { TimeoutError } from 'ky';
import { retainSignals } from './caller-signal.js';
import { attemptRequests, rebasedRequest } from './request-body.js';
import type { RequestNotes } from './request-notes.js';

export type FetchFunction = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface StaunchKyOptions extends StaunchOptions, StreamGuardOptions, FailoverOptions {
  /** The fetch each attempt goes through. @default globalThis.fetch, looked up on each call */
  readonly fetch?: FetchFunction;
  /**
   * `false`: ky behaves as usual; the final response reaches ky, which throws its `HTTPError` for a
   * non-2xx status (unless ky's `throwHttpErrors` is off).
   * `true`: a fail-fast or exhausted call rejects with Staunch's typed error carrying the provider's hint.
   * A request's `context.staunch.typedErrors` overrides this.
   * @default false
   */
  readonly typedErrors?: boolean;
  /**
   * A request header that carries one random key per call, the same on every attempt, so a
   * server that deduplicates by it never runs a retried request twice (e.g. `'Idempotency-Key'`).
   * A key the caller set is kept. Off by default: the major LLM APIs accept no such key.
   * A request's `context.staunch.idempotencyKeyHeader` overrides this (`false`: no key).
   * @default undefined
   */
  readonly idempotencyKeyHeader?: string;
}

/** The fetch ky calls once per request; the engine makes the attempts inside it. */
export type StaunchKyFetch = FetchFunction &
  Pick<
    Engine,
    'onCallStart' | 'onAttemptStart' | 'onAttempt' | 'onRetry' | 'onGiveUp' | 'onSuccess' | 'wrapAttempt' | 'policy'
  > & {
    /** With `targets`: which target and key each engine call went to, and the breakers (what `@staunch/otel` reads). */
    readonly routes: RouteTelemetry | undefined;
  };

/**
 * Builds the fetch handed to ky. `notesOf(request)` gives what ky's hooks learnt of the request:
 * whether its body is a stream (sent once, so one attempt) and its per-request `context.staunch`.
 */
export function createKyFetch(options: StaunchKyOptions, notesOf: (request: Request) => RequestNotes): StaunchKyFetch {
  const engine = createPolicyEngine(options);
  // With targets, the chain (@staunch/failover) routes the calls that match one; the rest go as without.
  const router = routerFromOptions(options);
  const guard = resolveStreamGuardOptions(options);
  const policies = policyCache(resolvePolicy);
  const hostPolicy = policyByHost(options);
  const transport: FetchFunction = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  const kyFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    // ky always passes a Request; `init` carries only options fetch knows and Request does not (e.g. `dispatcher`).
    const request = input instanceof Request ? input : new Request(input, init);
    const extra = input instanceof Request ? init : undefined;
    const notes = notesOf(request);
    if (notes.staunch === false) return transport(request, extra);
    // Set once on ky's Request; every attempt's Request copies its headers.
    ensureIdempotencyKey(request.headers, notes.staunch?.idempotencyKeyHeader ?? options.idempotencyKeyHeader);
    const override = notes.staunch?.policy;
    const policy = override === undefined ? hostPolicy(request.url) : policies(override);
    const requests = await attemptRequests(request, notes.streamed);
    const facts = requestFacts(requests.text);
    let lastAttempt: Request | undefined;
    const send =
      (to: (attempt: Request) => Request) =>
      async ({ signal }: AttemptContext) => {
        // Streaming commit point (core's commitStream), as in @staunch/fetch: an SSE body that
        // dies before its first byte is retried; after it, failures reach ky's reader as a
        // StreamError (partial: true), never retried nor failed over. ky's request signal follows the caller's.
        lastAttempt = to(requests.next(signal));
        const sent = await transport(lastAttempt, extra);
        return responseOutcome(await commitStream(sent, { ...guard, signal: request.signal, clock: options.clock }));
      };
    const chain = override === undefined && router?.matches(request.url) ? router : undefined;
    const result = chain
      ? await chain.execute(
          { url: request.url, headers: request.headers, body: requests.text, replayable: requests.replayable },
          (at) => send((attempt) => rebasedRequest(attempt, at.url, at.headers, at.body)),
          {
            signal: request.signal,
            cost: facts.cost,
            request: { method: request.method, url: request.url, model: facts.model },
          },
        )
      : await engine.execute(
          send((attempt) => attempt),
          {
            signal: request.signal,
            replayable: requests.replayable,
            scope:
              notes.staunch?.scope ??
              scopeKey({
                provider: (policy ?? engine.policy).name,
                apiKey: apiKeyOf(request.headers),
                model: facts.model,
              }),
            cost: facts.cost,
            request: { method: request.method, url: request.url, model: facts.model },
            ...(policy === undefined ? {} : { policy }),
          },
        );
    const response = settle(result, request, notes.staunch?.typedErrors ?? options.typedErrors ?? false);
    return retainSignals(response, [request, lastAttempt], notes.signals);
  };
  // The engine's (or the chain's merged) event members, and the chain's route telemetry.
  return Object.assign(kyFetch, {
    ...adapterEvents(engine, router),
    policy: engine.policy,
  });
}

/**
 * The edge: the engine's result becomes what ky expects from fetch. The final response goes back
 * to ky so its `afterResponse` hooks and `HTTPError` work unchanged; a transport error is rethrown
 * as the transport raised it; the call's deadline becomes ky's `TimeoutError`.
 */
function settle(result: CallResult<Response>, request: Request, typedErrors: boolean): Response {
  if (result.ok) return result.value;
  if (typedErrors) throw result.error;
  if (result.hasValue && result.value !== undefined) return result.value;
  if (result.error instanceof AbortedError) throw result.error.cause;
  if (result.error instanceof DeadlineError) {
    throw Object.assign(new TimeoutError(request), { cause: result.error });
  }
  if (result.error.reason === 'network' && result.error.cause !== undefined) throw result.error.cause;
  throw result.error;
}
