// Cancellation and cleanup on a real loopback server: an abort during a long backoff ends the
// call at once with no further request, and a settled call leaves no timer or listener behind.
import { getEventListeners } from 'node:events';
import { type FaultServer, startFaultServer } from '@staunch/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createFetch } from '../src/index.js';

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());

const TEN_SECOND_BACKOFF = { backoff: { jitter: 'none', baseMs: 10_000, capMs: 10_000 } } as const;

function timers(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
}

test('an abort during a 10 s backoff rejects within 50 ms and sends nothing more', async () => {
  server.script('abort', [{ status: 503 }, { status: 200 }]);
  const fetch = createFetch({ policy: TEN_SECOND_BACKOFF, throttle: false });
  const controller = new AbortController();
  let retryScheduled: () => void = () => {};
  const scheduled = new Promise<void>((resolve) => {
    retryScheduled = resolve;
  });
  fetch.onRetry(() => retryScheduled());
  const call = fetch(`${server.url}/s/abort/`, { signal: controller.signal });
  const settled = call.then(
    () => 'resolved',
    (error: unknown) => error,
  );
  await scheduled;
  const reason = new Error('user cancelled');
  const abortedAt = performance.now();
  controller.abort(reason);
  const outcome = await settled;
  const latency = performance.now() - abortedAt;
  expect(outcome).toBe(reason); // drop-in: rejects with signal.reason, as fetch does
  expect(latency).toBeLessThan(50);
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(server.arrivals('abort')).toBe(1);
  expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
});

test('an already-aborted signal sends no request', async () => {
  server.script('pre-aborted', [{ status: 200 }]);
  const controller = new AbortController();
  controller.abort();
  await expect(createFetch()(`${server.url}/s/pre-aborted/`, { signal: controller.signal })).rejects.toBe(
    controller.signal.reason,
  );
  expect(server.arrivals('pre-aborted')).toBe(0);
});

test('after a retried call settles, no timer and no abort listener of ours is left', async () => {
  server.script('hygiene', [{ status: 503, headers: { 'retry-after-ms': '20' } }, { status: 200 }]);
  const fetch = createFetch({ policy: { timeoutMs: 60_000, attemptTimeoutMs: 30_000 }, throttle: false });
  const controller = new AbortController();
  const before = timers();
  const response = await fetch(`${server.url}/s/hygiene/`, { signal: controller.signal });
  await response.text();
  expect(server.arrivals('hygiene')).toBe(2);
  expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  expect(timers()).toBeLessThanOrEqual(before);
});

test('a settled deadline call leaves no timer behind', async () => {
  server.script('deadline', [{ status: 503 }]);
  const fetch = createFetch({ policy: { timeoutMs: 300, backoff: { baseMs: 50, capMs: 100 } }, throttle: false });
  const before = timers();
  await fetch(`${server.url}/s/deadline/`).catch(() => undefined);
  expect(timers()).toBeLessThanOrEqual(before);
});
