import type { Dispatcher } from 'undici';
import { type HeaderRecord, responseHeaders } from './header-list.js';

/** What the caller's handler is replayed from: the response head exactly as undici gave it. */
export interface ResponseHead {
  readonly status: number;
  readonly headers: HeaderRecord;
  readonly statusMessage: string | undefined;
}

/** Statuses whose response has no body: fetch's Response refuses one for them. */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * Sends one attempt through the next dispatcher and resolves with a fetch `Response` as soon as
 * the head arrives (its body streams from undici's data events, paused while nobody reads), so
 * the engine classifies it as it does any fetch response. A failure before the head rejects.
 * `signal` (the attempt's: caller, attempt timeout, deadline) aborts the attempt.
 */
export function attemptDispatch(
  dispatch: Dispatcher.Dispatch,
  options: Dispatcher.DispatchOptions,
  signal: AbortSignal,
  heads: WeakMap<Response, ResponseHead>,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    let body: ReadableStreamDefaultController<Uint8Array> | undefined;
    let inner: Dispatcher.DispatchController | undefined;
    let finished = false;
    const onAbort = () => inner?.abort(signal.reason as Error);
    const done = () => {
      finished = true;
      signal.removeEventListener('abort', onAbort);
    };
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(controller) {
        inner = controller;
        if (signal.aborted) controller.abort(signal.reason as Error);
        else signal.addEventListener('abort', onAbort, { once: true });
      },
      onResponseStart(controller, status, headers, statusMessage) {
        const stream = NULL_BODY.has(status)
          ? null
          : new ReadableStream<Uint8Array>(
              {
                start: (c) => {
                  body = c;
                },
                pull: () => controller.resume(),
                cancel: (reason) => {
                  done();
                  controller.abort(reason instanceof Error ? reason : new Error('The body was cancelled.'));
                },
              },
              { highWaterMark: 0 },
            );
        const init = { status, headers: responseHeaders(headers as HeaderRecord), statusText: statusMessage ?? '' };
        const response = new Response(stream, init);
        heads.set(response, { status, headers: headers as HeaderRecord, statusMessage });
        resolve(response);
      },
      onResponseData(controller, chunk) {
        if (finished) return;
        body?.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((body?.desiredSize ?? 1) <= 0) controller.pause();
      },
      onResponseEnd() {
        if (finished) return;
        done();
        body?.close();
      },
      onResponseError(_controller, error) {
        if (finished && body !== undefined) return;
        done();
        if (body === undefined) reject(error);
        else body.error(error);
      },
    };
    try {
      dispatch(options, handler);
    } catch (error) {
      done();
      reject(error);
    }
  });
}
