import { StreamError } from '../../errors/stream-error.js';
import { systemClock } from '../../runtime/clock.js';
import { guardSseBody } from './guard-sse-body.js';
import type { CommitStreamOptions } from './stream-options.js';

/** Empty chunks tolerated before the first byte; a stream of nothing but them counts as ended. */
const MAX_EMPTY_READS = 1024;

/**
 * The commit point of a streamed answer (reliability.md G9; providers.md §14 rule 4), on a bare
 * SSE body. Runs inside an attempt: the first byte is held until it has arrived, so a stream that
 * dies before it throws here (`partial: false`) and the engine retries it as a network failure.
 * Once it has arrived the body is committed: the returned stream passes every byte through and
 * any later failure reaches its reader as a `StreamError` with `partial: true`.
 */
export async function commitSseBody(
  body: ReadableStream<Uint8Array>,
  options: CommitStreamOptions = {},
): Promise<ReadableStream<Uint8Array>> {
  const reader = body.getReader();
  let first: Uint8Array | undefined;
  try {
    first = await firstBytes(reader);
  } catch (error) {
    throw new StreamError('The stream broke off before its first byte.', {
      failure: 'interrupted',
      partial: false,
      receivedBytes: 0,
      cause: error,
    });
  }
  if (first === undefined) {
    throw new StreamError('The stream ended before its first byte.', {
      failure: 'truncated',
      partial: false,
      receivedBytes: 0,
    });
  }
  return guardSseBody(first, reader, {
    clock: options.clock ?? systemClock,
    idleTimeoutMs: options.idleTimeoutMs,
    signal: options.signal,
  });
}

async function firstBytes(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<Uint8Array | undefined> {
  for (let read = 0; read < MAX_EMPTY_READS; read += 1) {
    const { done, value } = await reader.read();
    if (done) return undefined;
    if (value.byteLength > 0) return value;
  }
  reader.cancel().catch(() => {});
  return undefined;
}
