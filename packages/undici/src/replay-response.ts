import { Buffer } from 'node:buffer';
import type { Dispatcher } from 'undici';
import type { ResponseHead } from './attempt-dispatch.js';
import type { CallController } from './call-controller.js';

/**
 * Hands the call's final response to the caller's handler: the head as undici gave it, then the
 * body (guarded, for a committed stream) chunk by chunk, honouring pause and resume; a failure of
 * the body, or the caller's abort, ends it with `onResponseError`.
 */
export async function replayResponse(
  response: Response,
  head: ResponseHead,
  handler: Dispatcher.DispatchHandler,
  controller: CallController,
): Promise<void> {
  handler.onResponseStart?.(controller, head.status, head.headers, head.statusMessage);
  const reader = response.body?.getReader();
  try {
    for (;;) {
      await controller.whenResumed();
      if (controller.aborted) throw controller.reason;
      const read = reader === undefined ? { done: true as const } : await reader.read();
      if (controller.aborted) throw controller.reason;
      if (read.done) break;
      handler.onResponseData?.(
        controller,
        Buffer.from(read.value.buffer, read.value.byteOffset, read.value.byteLength),
      );
    }
  } catch (error) {
    reader?.cancel(error).catch(() => {});
    handler.onResponseError?.(controller, error instanceof Error ? error : new Error(String(error)));
    return;
  }
  handler.onResponseEnd?.(controller, {});
}
