import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { defaultOpenAiError } from '../error-bodies/openai-error-body.js';
import { gone, resetAfterSettle } from '../loopback/reset-socket.js';
import type { TimerSet } from '../loopback/timer-set.js';
import { sendSse } from './send-sse.js';
import type { FaultStep } from './types.js';

const OK_BODY = '{"ok":true}';
/** How many bytes `truncate-body` promises beyond what it sends. */
const TRUNCATED_EXTRA_BYTES = 64;
const SLOW_BODY_CHUNK_BYTES = 8;
const DEFAULT_SLOW_BODY_INTERVAL_MS = 50;

/** Answers one request as the step says. Resolves when the answer is finished or abandoned. */
export async function sendStep(step: FaultStep, res: ServerResponse, timers: TimerSet): Promise<void> {
  const socket = res.socket;
  if (socket === null || socket.destroyed) return;
  const status = step.status ?? 200;
  const body = Buffer.from(step.body ?? (status < 400 ? OK_BODY : defaultOpenAiError(status)), 'utf8');
  if (step.fault === 'slow-body') return slowBody(res, status, body, step, timers);
  if (step.delayMs !== undefined && step.delayMs > 0) await timers.wait(step.delayMs);
  if (socket.destroyed) return;
  switch (step.fault) {
    case 'reset-before-headers':
      socket.resetAndDestroy();
      return;
    case 'close-without-response':
      socket.end();
      return;
    case 'hang':
      return;
    case 'reset-after-headers':
      res.writeHead(status, jsonHeaders(body.length, step));
      await flushed(res, body.subarray(0, Math.floor(body.length / 2)));
      await resetAfterSettle(socket, timers);
      return;
    case 'truncate-body':
      res.writeHead(status, jsonHeaders(body.length + TRUNCATED_EXTRA_BYTES, step));
      await flushed(res, body);
      socket.end();
      return;
    default:
      if (step.sse !== undefined) return sendSse(res, status, step.headers, step.sse, timers);
      res.writeHead(status, jsonHeaders(body.length, step));
      res.end(body);
  }
}

function jsonHeaders(contentLength: number, step: FaultStep): OutgoingHttpHeaders {
  return { 'content-type': 'application/json', ...step.headers, 'content-length': String(contentLength) };
}

function flushed(res: ServerResponse, chunk: Buffer): Promise<void> {
  return new Promise((resolve) => res.write(chunk, () => resolve()));
}

async function slowBody(
  res: ServerResponse,
  status: number,
  body: Buffer,
  step: FaultStep,
  timers: TimerSet,
): Promise<void> {
  const interval = step.delayMs ?? DEFAULT_SLOW_BODY_INTERVAL_MS;
  res.writeHead(status, jsonHeaders(body.length, step));
  res.flushHeaders();
  for (let offset = 0; offset < body.length; offset += SLOW_BODY_CHUNK_BYTES) {
    await timers.wait(interval);
    if (gone(res.socket)) return;
    res.write(body.subarray(offset, offset + SLOW_BODY_CHUNK_BYTES));
  }
  res.end();
}
