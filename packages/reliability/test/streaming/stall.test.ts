import { commitStream, isStreamError, VirtualClock } from '@staunch/core';
import { type RawServer, startRawServer } from '@staunch/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { drain, openAiChunk, SSE_HEAD } from './sse-frames.js';

// §9.2 D30: a stream that stalls after its first byte fails as `stalled` once the idle limit
// passes on the virtual clock; nothing sleeps for real.
let raw: RawServer;
beforeAll(async () => {
  raw = await startRawServer();
});
afterAll(() => raw.close());

test('no byte for longer than idleTimeoutMs fails the reader with failure "stalled"', async () => {
  raw.script('stall', [{ chunks: [SSE_HEAD, openAiChunk('Hel')], finish: 'hang' }]);
  const clock = new VirtualClock();
  const response = await commitStream(await fetch(`${raw.url}/r/stall/`), { clock, idleTimeoutMs: 30_000 });
  const reading = drain(response);
  // Let the first chunk through and the next read start waiting.
  await new Promise((resolve) => setImmediate(resolve));
  await clock.advance(30_000);
  const { text, error } = await reading;
  expect(text).toContain('Hel');
  expect(isStreamError(error) && [error.failure, error.partial]).toEqual(['stalled', true]);
});
