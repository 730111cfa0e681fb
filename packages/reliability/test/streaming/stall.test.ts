import { isStreamError, VirtualClock } from '@staunch/core';
import { type RawServer, startRawServer } from '@staunch/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openAiChunk, SSE_HEAD } from './sse-frames.js';
import { STREAM_CLIENTS } from './stream-clients.js';

// §9.2 D30: a stream that stalls after its first byte fails as `stalled` once the adapter's
// `idleTimeoutMs` passes on the virtual clock, and not a millisecond sooner; nothing sleeps for
// real. The loopback server sends one event and then holds the socket open.
let raw: RawServer;
beforeAll(async () => {
  raw = await startRawServer();
});
afterAll(() => raw.close());

const IDLE_MS = 30_000;
const turn = () => new Promise((resolve) => setImmediate(resolve));

/** Yields to real I/O until the guard has armed its idle timer (the call's own timers are gone by then). */
async function armed(clock: VirtualClock): Promise<void> {
  for (let i = 0; i < 1000 && clock.pending === 0; i++) await turn();
  expect(clock.pending).toBe(1);
}

describe.each(STREAM_CLIENTS)('$name', (client) => {
  test('no byte for idleTimeoutMs fails the reader with failure "stalled", partial', async () => {
    const id = `stall-${client.name}`;
    raw.script(id, [{ chunks: [SSE_HEAD, openAiChunk('Hel')], finish: 'hang' }]);
    const clock = new VirtualClock();
    const opened = await client.open({ url: `${raw.url}/r/${id}/`, clock, idleTimeoutMs: IDLE_MS });
    expect(await opened.read()).toContain('Hel');
    let outcome: unknown = 'pending';
    const next = opened.read().then(
      () => 'read',
      (error: unknown) => error,
    );
    void next.then((value) => {
      outcome = value;
    });
    await armed(clock);
    await clock.advance(IDLE_MS - 1);
    for (let i = 0; i < 5; i++) await turn();
    expect(outcome).toBe('pending');
    await clock.advance(1);
    const error = await next;
    expect(isStreamError(error) && [error.failure, error.partial]).toEqual(['stalled', true]);
  });
});
