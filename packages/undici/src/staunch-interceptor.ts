import {
  AbortedError,
  apiKeyOf,
  type CallResult,
  commitStream,
  type Engine,
  type OptionKeys,
  rejectUnknownOptions,
  requestFacts,
  resolveStreamGuardOptions,
  responseOutcome,
  STREAM_GUARD_OPTION_KEYS,
  type StreamGuardOptions,
  scopeKey,
} from '@staunch/core';
import { createPolicyEngine, policyByHost, STAUNCH_OPTION_KEYS, type StaunchOptions } from '@staunch/presets';
import type { Dispatcher } from 'undici';
import { attemptDispatch, type ResponseHead } from './attempt-dispatch.js';
import { CallController } from './call-controller.js';
import { dispatchBody } from './dispatch-body.js';
import { headerList } from './header-list.js';
import { replayResponse } from './replay-response.js';

export interface StaunchUndiciOptions extends StaunchOptions, StreamGuardOptions {
  /**
   * Which requests Staunch handles; the others go straight to the next dispatcher. With a global
   * dispatcher every request of the process passes here, not only the LLM calls.
   * @default every request
   * @example (url) => url.hostname.endsWith('openai.com')
   */
  readonly filter?: (url: URL, options: Dispatcher.DispatchOptions) => boolean;
}

/** Every option name, for the strict check: a field added to the options type goes here too. */
const OPTION_KEYS: OptionKeys<StaunchUndiciOptions> = {
  ...STAUNCH_OPTION_KEYS,
  ...STREAM_GUARD_OPTION_KEYS,
  filter: true,
};

/** The interceptor, with the engine's events. */
export type StaunchInterceptor = Dispatcher.DispatcherComposeInterceptor &
  Pick<Engine, 'onCallStart' | 'onAttemptStart' | 'onAttempt' | 'onRetry' | 'onGiveUp' | 'onSuccess' | 'policy'>;

/**
 * An undici interceptor: `new Agent().compose(staunch(options))`, or that agent given to
 * `setGlobalDispatcher` so every `fetch` of the process (and every library's) goes through the
 * policy, the throttle and the presets. Each request is one call: its attempts go to the next
 * dispatcher, and the caller's handler sees only the final response, as fetch would.
 */
export function staunch(options: StaunchUndiciOptions = {}): StaunchInterceptor {
  rejectUnknownOptions('staunch()', options, OPTION_KEYS);
  const engine = createPolicyEngine(options);
  const hostPolicy = policyByHost(options);
  const guard = resolveStreamGuardOptions(options);
  const interceptor: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (dispatchOptions, handler) => {
    const url = new URL(dispatchOptions.path, dispatchOptions.origin);
    // An upgrade or CONNECT hands over the socket: nothing to classify or replay.
    if (
      dispatchOptions.upgrade ||
      dispatchOptions.method === 'CONNECT' ||
      !(options.filter?.(url, dispatchOptions) ?? true)
    ) {
      return dispatch(dispatchOptions, handler);
    }
    const controller = new CallController();
    handler.onRequestStart?.(controller, {});
    call(dispatch, dispatchOptions, url, controller).then(
      (outcome) => settle(outcome, handler, controller),
      (error: unknown) =>
        handler.onResponseError?.(controller, error instanceof Error ? error : new Error(String(error))),
    );
    return true;
  };

  async function call(
    dispatch: Dispatcher.Dispatch,
    dispatchOptions: Dispatcher.DispatchOptions,
    url: URL,
    controller: CallController,
  ): Promise<{ result: CallResult<Response>; heads: WeakMap<Response, ResponseHead> }> {
    const headers = headerList(dispatchOptions.headers);
    const body = await dispatchBody(dispatchOptions.body, headers.get('content-length'));
    const facts = requestFacts(body.text);
    const policy = hostPolicy(url);
    const heads = new WeakMap<Response, ResponseHead>();
    const result = await engine.execute(
      async ({ signal }) => {
        const attempt = { ...dispatchOptions, body: body.next() ?? null };
        const sent = await attemptDispatch(dispatch, attempt, signal, heads);
        const committed = await commitStream(sent, { ...guard, signal: controller.signal, clock: options.clock });
        const head = heads.get(sent);
        if (head !== undefined) heads.set(committed, head);
        return responseOutcome(committed);
      },
      {
        signal: controller.signal,
        replayable: body.replayable,
        scope: scopeKey({ provider: (policy ?? engine.policy).name, apiKey: apiKeyOf(headers), model: facts.model }),
        cost: facts.cost,
        request: { method: dispatchOptions.method, url: url.href, model: facts.model },
        ...(policy === undefined ? {} : { policy }),
      },
    );
    return { result, heads };
  }

  return Object.assign(interceptor, {
    onCallStart: engine.onCallStart,
    onAttemptStart: engine.onAttemptStart,
    onAttempt: engine.onAttempt,
    onRetry: engine.onRetry,
    onGiveUp: engine.onGiveUp,
    onSuccess: engine.onSuccess,
    policy: engine.policy,
  });
}

/**
 * The edge, as fetch would see it: the final response whatever its status (a fail-fast answer or
 * the last one once retries ran out); otherwise the transport's own error, the caller's abort
 * reason, or Staunch's typed error (a deadline, a wait longer than allowed).
 */
async function settle(
  { result, heads }: { result: CallResult<Response>; heads: WeakMap<Response, ResponseHead> },
  handler: Dispatcher.DispatchHandler,
  controller: CallController,
): Promise<void> {
  const response = result.ok || result.hasValue ? result.value : undefined;
  const head = response === undefined ? undefined : heads.get(response);
  if (response !== undefined && head !== undefined) return replayResponse(response, head, handler, controller);
  if (result.ok) return handler.onResponseError?.(controller, new Error('The call ended without a response.'));
  const { error } = result;
  const cause = error instanceof AbortedError || error.reason === 'network' ? error.cause : undefined;
  handler.onResponseError?.(controller, cause instanceof Error ? cause : error);
}
