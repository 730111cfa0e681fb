import { StreamError, type StreamFailure } from '../../errors/stream-error.js';
import type { Clock, TimerHandle } from '../../runtime/clock.js';
import { EndMarkerWatch } from './end-marker.js';
import { inBandError } from './in-band-error.js';
import { SseEventSplitter } from './sse-events.js';

export interface GuardOptions {
  readonly clock: Clock;
  /** No byte for this long fails the stream as `stalled`. `undefined`: no idle limit. */
  readonly idleTimeoutMs: number | undefined;
  /** The caller's signal: an abort it caused surfaces as is, not as a StreamError. */
  readonly signal: AbortSignal | undefined;
}

const STALLED = Symbol('staunch.stream-stalled');
type ReadResult = Awaited<ReturnType<ReadableStreamDefaultReader<Uint8Array>['read']>>;

/**
 * The caller's view of a committed SSE body: every byte passes through unchanged, and an
 * in-band error event, an end without the dialect's marker, a broken connection or a stall
 * becomes a {@link StreamError} with `partial: true` on the reader, never a retry.
 *
 * A pull source rather than a TransformStream: a TransformStream re-raises the source's own
 * error untyped, and this way nothing is read ahead of the caller (highWaterMark 0), so a
 * caller that stops reading stops the socket too.
 */
export function guardSseBody(
  first: Uint8Array,
  reader: ReadableStreamDefaultReader<Uint8Array>,
  options: GuardOptions,
): ReadableStream<Uint8Array> {
  const splitter = new SseEventSplitter();
  const watch = new EndMarkerWatch();
  const decoder = new TextDecoder();
  let pending: Uint8Array | undefined = first;
  let received = 0;
  const fail = (failure: StreamFailure, message: string, extra: object = {}): StreamError => {
    reader.cancel().catch(() => {});
    return new StreamError(`${message} after ${received} byte(s) reached the caller; it was not retried.`, {
      failure,
      partial: true,
      receivedBytes: received,
      ...extra,
    });
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let chunk: ReadResult;
        if (pending === undefined) {
          try {
            chunk = await readWithin(reader, options);
          } catch (error) {
            if (options.signal?.aborted) return controller.error(options.signal.reason);
            if (error === STALLED) {
              return controller.error(fail('stalled', `The stream sent nothing for ${options.idleTimeoutMs} ms`));
            }
            return controller.error(fail('interrupted', 'The stream broke off', { cause: error }));
          }
        } else {
          chunk = { done: false, value: pending };
          pending = undefined;
        }
        // At EOF an unterminated last event still counts (lenient about a missing final blank line).
        const text = chunk.done ? `${decoder.decode()}\n\n` : decoder.decode(chunk.value, { stream: true });
        for (const event of splitter.push(text)) {
          const error = inBandError(event);
          if (error !== undefined) {
            const said = error.message === undefined ? '' : `: "${error.message}"`;
            return controller.error(
              fail('error-event', `The provider sent an error event (${error.code ?? error.reason})${said}`, {
                reason: error.reason,
                ...(error.code === undefined ? {} : { code: error.code }),
                ...(error.message === undefined ? {} : { providerMessage: error.message }),
              }),
            );
          }
          watch.see(event);
        }
        if (!chunk.done) {
          received += chunk.value.byteLength;
          return controller.enqueue(chunk.value);
        }
        const missing = watch.missing;
        if (missing === undefined) return controller.close();
        controller.error(fail('truncated', `The stream ended without its end marker (${missing})`));
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/** One read, failed with {@link STALLED} when the idle limit passes first. */
function readWithin(reader: ReadableStreamDefaultReader<Uint8Array>, options: GuardOptions): Promise<ReadResult> {
  const { idleTimeoutMs, clock } = options;
  if (idleTimeoutMs === undefined) return reader.read();
  return new Promise((resolve, reject) => {
    const timer: TimerHandle = clock.setTimeout(() => reject(STALLED), idleTimeoutMs);
    reader.read().then(
      (result) => {
        clock.clearTimeout(timer);
        resolve(result);
      },
      (error: unknown) => {
        clock.clearTimeout(timer);
        reject(error);
      },
    );
  });
}
