import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import { type CommitStreamOptions, commitSseBody, type HeaderLookup, isEventStreamType } from '@staunch/core';
import type { AxiosResponse } from 'axios';

/**
 * The streaming commit point for `responseType: 'stream'` (reliability.md G9), the same one the
 * fetch and ky adapters use: core's guard, run on the body inside the attempt. A successful SSE
 * answer is held until its first byte, so a stream that dies before it rejects here and is
 * retried; afterwards `response.data` is the guarded body and any failure (in-band error event,
 * missing end marker, broken connection, stall) is a `StreamError` with `partial: true` on it.
 *
 * The http adapter's Node `Readable` goes through the web guard and back (`Readable.toWeb` /
 * `fromWeb` carry each chunk, the error object and a cancel unchanged); the fetch adapter's
 * `ReadableStream` is guarded as is. Buffered response types are read whole inside the attempt,
 * so the caller never sees part of a failed answer and the engine may retry it.
 */
export async function commitStreamData(
  response: AxiosResponse,
  headers: HeaderLookup,
  options: CommitStreamOptions,
): Promise<AxiosResponse> {
  const ok = response.status >= 200 && response.status < 300;
  if (!ok || !isEventStreamType(headers.get('content-type'))) return response;
  const data: unknown = response.data;
  if (data instanceof ReadableStream) return { ...response, data: await commitSseBody(data, options) };
  if (!(data instanceof Readable)) return response;
  const web = Readable.toWeb(data) as unknown as ReadableStream<Uint8Array>;
  const guarded = await commitSseBody(web, options);
  return { ...response, data: Readable.fromWeb(guarded as unknown as NodeWebStream<Uint8Array>) };
}
