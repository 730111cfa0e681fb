import type { ServerResponse } from 'node:http';
import { openAiErrorBody } from '../error-bodies/openai-error-body.js';
import { gone, resetAfterSettle } from '../loopback/reset-socket.js';
import type { TimerSet } from '../loopback/timer-set.js';
import type { SseStep } from './types.js';

const DEFAULT_INTERVAL_MS = 10;
// OpenAI Chat Completions sends an in-band error and closes without `[DONE]` (providers.md §2.5, §14).
const IN_BAND_ERROR = openAiErrorBody({
  message: 'The server had an error while processing your request.',
  type: 'server_error',
  code: 'server_error',
});

/** Streams `data:` events, then ends, resets or sends an in-band error as the step says. */
export async function sendSse(
  res: ServerResponse,
  status: number,
  headers: Record<string, string> | undefined,
  sse: SseStep,
  timers: TimerSet,
): Promise<void> {
  const interval = sse.intervalMs ?? DEFAULT_INTERVAL_MS;
  res.writeHead(status, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...headers });
  res.flushHeaders();
  for (const [index, event] of sse.events.entries()) {
    if (index > 0) await timers.wait(interval);
    if (gone(res.socket)) return;
    res.write(`data: ${event}\n\n`);
  }
  await timers.wait(interval);
  const socket = res.socket;
  if (socket === null || gone(socket)) return;
  switch (sse.then ?? 'end') {
    case 'reset':
      await resetAfterSettle(socket, timers);
      return;
    case 'error-event':
      res.end(`data: ${IN_BAND_ERROR}\n\n`);
      return;
    default:
      res.end('data: [DONE]\n\n');
  }
}
