import {
  AbortedError,
  type AttemptContext,
  apiKeyOf,
  type CallResult,
  commitStream,
  type Engine,
  type Event,
  ensureIdempotencyKey,
  type OptionKeys,
  rejectUnknownOptions,
  requestFacts,
  resolveStreamGuardOptions,
  responseOutcome,
  retainSignal,
  STREAM_GUARD_OPTION_KEYS,
  type StreamGuardOptions,
  scopeKey,
} from '@staunch/core';
import {
  adapterEvents,
  FAILOVER_OPTION_KEYS,
  type FailoverOptions,
  type RouteReport,
  type RouteTelemetry,
  routerFromOptions,
} from '@staunch/failover';
import { createPolicyEngine, policyByHost, STAUNCH_OPTION_KEYS, type StaunchOptions } from '@staunch/presets';
import { type PreparedBody, prepareBody, textBody } from './request-body.js';

type FetchFunction = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface StaunchFetchOptions extends StaunchOptions, StreamGuardOptions, FailoverOptions {
  /** The fetch to wrap. @default globalThis.fetch, looked up on each call */
  readonly fetch?: FetchFunction;
  /**
   * `false`: behave like fetch, resolving the final response whatever its status.
   * `true`: reject a fail-fast or exhausted outcome with a typed error carrying the provider's hint.
   * @default false
   */
  readonly throwHttpErrors?: boolean;
  /**
   * A request header that carries one random key per call, the same on every attempt, so a
   * server that deduplicates by it never runs a retried request twice (e.g. `'Idempotency-Key'`).
   * A key the caller set is kept. Off by default: the major LLM APIs accept no such key.
   * @default undefined
   */
  readonly idempotencyKeyHeader?: string;
}

/** Every option name, for the strict check: a field added to the options type goes here too. */
const OPTION_KEYS: OptionKeys<StaunchFetchOptions> = {
  ...STAUNCH_OPTION_KEYS,
  ...STREAM_GUARD_OPTION_KEYS,
  ...FAILOVER_OPTION_KEYS,
  fetch: true,
  throwHttpErrors: true,
  idempotencyKeyHeader: true,
};

/** fetch's own signature, plus the engine's events. */
export type StaunchFetch = FetchFunction &
  Pick<
    Engine,
    'onCallStart' | 'onAttemptStart' | 'onAttempt' | 'onRetry' | 'onGiveUp' | 'onSuccess' | 'wrapAttempt' | 'policy'
  > & {
    /** With `targets`: each routed call's report (which target and key served, the attempts at each). */
    readonly onRoute: Event<RouteReport>;
    /** With `targets`: which target and key each engine call went to, and the breakers (what `@staunch/otel` reads). */
    readonly routes: RouteTelemetry | undefined;
  };

/**
 * A drop-in `fetch` that retries what the policy retries, waits as long as the server asks, and
 * fails fast, with the provider's hint, when waiting cannot help. Hand it to any SDK that takes
 * a custom fetch (set the SDK's own retries to 0).
 */
export function createFetch(options: StaunchFetchOptions = {}): StaunchFetch {
  rejectUnknownOptions('createFetch()', options, OPTION_KEYS);
  const engine = createPolicyEngine(options);
  // With targets, the chain (@staunch/failover) routes the calls that match one; the rest go as without.
  const router = routerFromOptions(options);
  const hostPolicy = policyByHost(options);
  const guard = resolveStreamGuardOptions(options);
  const transport: FetchFunction = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const warnings = sdkRetryWarning();

  const staunchFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : undefined;
    const signal = init?.signal ?? request?.signal ?? undefined;
    const headers = new Headers(init?.headers ?? request?.headers);
    warnings.check(headers);
    ensureIdempotencyKey(headers, options.idempotencyKeyHeader);
    const body = request !== undefined && init?.body === undefined ? undefined : await prepareBody(init?.body);
    if (body?.contentType !== undefined && !headers.has('content-type')) headers.set('content-type', body.contentType);
    const facts = requestFacts(body?.text);
    const policy = hostPolicy(request?.url ?? input.toString());
    const send =
      (to: () => string | URL | Request, sendHeaders: Headers, sendBody: PreparedBody | undefined) =>
      async ({ signal: attemptSignal }: AttemptContext) => {
        const sent = await transport(to(), attemptInit(init, sendHeaders, sendBody, attemptSignal));
        // Streaming commit point (core's commitStream): an SSE body that dies before its first
        // byte throws here and is retried; after it, failures reach the body's reader as a
        // StreamError (partial: true) and are never retried (nor failed over). Other responses pass unchanged.
        return responseOutcome(await commitStream(sent, { ...guard, signal, clock: options.clock }));
      };
    const replayable = body === undefined ? !(request?.bodyUsed ?? false) : body.replayable;
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    const url = urlOf(input);
    const result = router?.matches(url)
      ? await router.execute(
          { url, headers, body: body?.text, replayable },
          (at) =>
            send(
              () => rebased(at.url, attemptInput(input, request)),
              at.headers,
              at.body === undefined ? body : textBody(at.body),
            ),
          { signal, cost: facts.cost, request: { method, url, model: facts.model } },
        )
      : await engine.execute(
          send(() => attemptInput(input, request), headers, body),
          {
            signal: signal ?? undefined,
            replayable,
            scope: scopeKey({
              provider: (policy ?? engine.policy).name,
              apiKey: apiKeyOf(headers),
              model: facts.model,
            }),
            cost: facts.cost,
            ...(policy === undefined ? {} : { policy }),
            request: { method, url, model: facts.model },
          },
        );
    return retainSignal(settle(result, options.throwHttpErrors ?? false), signal);
  };
  // The engine's (or the chain's merged) event members, and the chain's route telemetry.
  return Object.assign(staunchFetch, {
    ...adapterEvents(engine, router),
    policy: engine.policy,
    onRoute: router?.onRoute ?? NO_ROUTES,
  });
}

const NO_ROUTES: Event<RouteReport> = () => ({ dispose: () => {} });

/** A routed attempt goes to the target's URL; a `Request` input keeps its method and body. */
function rebased(url: string, attempt: string | URL | Request): string | Request {
  return attempt instanceof Request ? new Request(url, attempt) : url;
}

function urlOf(input: string | URL | Request): string {
  return input instanceof Request ? input.url : String(input);
}

/** A `Request` is cloned per attempt so its body can be sent again; other inputs are reused. */
function attemptInput(input: string | URL | Request, request: Request | undefined): string | URL | Request {
  return request !== undefined && !request.bodyUsed ? request.clone() : input;
}

function attemptInit(
  init: RequestInit | undefined,
  headers: Headers,
  body: PreparedBody | undefined,
  signal: AbortSignal,
): RequestInit {
  const next: RequestInit & { duplex?: 'half' } = { ...init, headers, signal };
  if (body !== undefined) {
    next.body = body.next() ?? null;
    if (!body.replayable) next.duplex = 'half';
  }
  return next;
}

/** The edge: the engine's result becomes fetch's return value or rejection. */
function settle(result: CallResult<Response>, throwHttpErrors: boolean): Response {
  if (result.ok) return result.value;
  if (!throwHttpErrors && result.hasValue && result.value !== undefined) return result.value;
  if (!throwHttpErrors && result.error instanceof AbortedError) throw result.error.cause;
  if (!throwHttpErrors && result.error.reason === 'network' && result.error.cause !== undefined)
    throw result.error.cause;
  throw result.error;
}

/**
 * The openai and anthropic SDKs (Stainless-generated) send `x-stainless-retry-count`; a value
 * above 0 means the SDK is retrying on top of Staunch, multiplying attempts.
 */
function sdkRetryWarning(): { check(headers: Headers): void } {
  let warned = false;
  return {
    check(headers) {
      const count = headers.get('x-stainless-retry-count');
      if (warned || count === null || count === '0') return;
      warned = true;
      console.warn(
        '[staunch] The SDK is retrying on top of Staunch (x-stainless-retry-count > 0), so attempts multiply. Create the client with maxRetries: 0 and let Staunch retry.',
      );
    },
  };
}
