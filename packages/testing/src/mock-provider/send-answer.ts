import type { ServerResponse } from 'node:http';
import type { ErrorStyle } from '../error-bodies/problem.js';
import { renderError } from '../error-bodies/render-error.js';
import { gone } from '../loopback/reset-socket.js';
import type { TimerSet } from '../loopback/timer-set.js';

/** Pause between stream chunks: enough for a client to see separate reads, short enough for benches. */
const CHUNK_INTERVAL_MS = 2;

export function sendJson(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  if (gone(res.socket)) return;
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
  });
  res.end(body);
}

/** A status with no body at all. */
export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string>): void {
  if (gone(res.socket)) return;
  res.writeHead(status, { ...headers, 'content-length': '0' });
  res.end();
}

/**
 * An OpenAI chat stream: `data: <chunk>` events then `data: [DONE]`. With `streamError`, an
 * in-band error follows the first chunk and the stream closes without `[DONE]`, in the
 * provider's own framing (providers.md §14).
 */
export async function sendStream(
  res: ServerResponse,
  headers: Record<string, string>,
  chunks: readonly string[],
  streamError: { style: ErrorStyle; requestId: string } | undefined,
  timers: TimerSet,
): Promise<void> {
  if (gone(res.socket)) return;
  res.writeHead(200, { ...headers, 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const [index, chunk] of chunks.entries()) {
    if (index > 0) await timers.wait(CHUNK_INTERVAL_MS);
    if (gone(res.socket)) return;
    res.write(`data: ${chunk}\n\n`);
    if (streamError !== undefined) {
      res.end(inBandError(streamError.style, streamError.requestId));
      return;
    }
  }
  res.end('data: [DONE]\n\n');
}

function inBandError(style: ErrorStyle, requestId: string): string {
  // Anthropic names the event; the OpenAI family puts the error object in a plain data line.
  if (style === 'anthropic') {
    return `event: error\ndata: ${renderError(style, { kind: 'server', status: 529 }, requestId).body}\n\n`;
  }
  return `data: ${renderError(style, { kind: 'server', status: 500 }, requestId).body}\n\n`;
}
