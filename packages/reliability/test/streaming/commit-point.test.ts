import { isStreamError } from '@staunch/core';
import { type FaultServer, type RawServer, startFaultServer, startRawServer } from '@staunch/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  ANTHROPIC_DELTA,
  ANTHROPIC_OVERLOADED,
  ANTHROPIC_START,
  openAiChunk,
  SSE_HEAD,
  sseStep,
} from './sse-frames.js';
import { drain, STREAM_CLIENTS } from './stream-clients.js';

// G9 (reliability.md §9.1) and providers.md §14: a streamed answer is retried only before its
// first byte reaches the caller; after that every failure reaches the reader as a StreamError
// with partial: true and the server sees exactly one request (no splice of two answers). The
// same cases run through every adapter: fetch and ky hand over a Response, axios
// (`responseType: 'stream'`) a Node Readable.
let faults: FaultServer;
let raw: RawServer;
beforeAll(async () => {
  [faults, raw] = await Promise.all([startFaultServer(), startRawServer()]);
});
afterAll(() => Promise.all([faults.close(), raw.close()]));

const chunks = ['{"choices":[{"delta":{"content":"Hel"}}]}', '{"choices":[{"delta":{"content":"lo"}}]}'];

describe.each(STREAM_CLIENTS)('$name', (client) => {
  // Script ids are per adapter so the files' tests never share an arrival count.
  const id = (name: string) => `${name}-${client.name}`;
  const viaFaults = (name: string) => client.open({ url: `${faults.url}/v1/chat/completions`, id: id(name) });
  const viaRaw = (name: string) => client.open({ url: `${raw.url}/r/${id(name)}/` });

  describe('before the first byte', () => {
    test('a stream that resets before its first byte is retried, and the caller sees one whole answer', async () => {
      faults.script(id('early-reset'), [sseStep([], 'reset'), { sse: { events: chunks } }]);
      const { text, error } = await drain(await viaFaults('early-reset'));
      expect(error).toBeUndefined();
      expect(faults.arrivals(id('early-reset'))).toBe(2);
      expect(text.match(/Hel/g)).toHaveLength(1);
      expect(text).toContain('data: [DONE]');
    });

    test('an empty stream that ends at once is retried too', async () => {
      raw.script(id('empty'), [{ chunks: [SSE_HEAD] }, { chunks: [SSE_HEAD, openAiChunk('ok'), 'data: [DONE]\n\n'] }]);
      const { text, error } = await drain(await viaRaw('empty'));
      expect(error).toBeUndefined();
      expect(raw.arrivals(id('empty'))).toBe(2);
      expect(text).toContain('"ok"');
    });
  });

  describe('after the first byte', () => {
    test('a reset after 2 events reaches the reader as StreamError partial, with no second request', async () => {
      faults.script(id('late-reset'), [sseStep(chunks, 'reset'), { sse: { events: chunks } }]);
      const { text, error } = await drain(await viaFaults('late-reset'));
      expect(isStreamError(error) && error.partial && error.failure).toBe('interrupted');
      expect(text).toContain('Hel');
      expect(faults.arrivals(id('late-reset'))).toBe(1);
    });

    test('an OpenAI in-band error event is a typed error, not a retry', async () => {
      faults.script(id('in-band'), [sseStep(chunks, 'error-event'), { sse: { events: chunks } }]);
      const { error } = await drain(await viaFaults('in-band'));
      expect(isStreamError(error)).toBe(true);
      if (!isStreamError(error)) return;
      expect([error.failure, error.partial, error.code, error.reason]).toEqual([
        'error-event',
        true,
        'server_error',
        'server-error',
      ]);
      expect(error.receivedBytes).toBeGreaterThan(0);
      expect(faults.arrivals(id('in-band'))).toBe(1);
    });

    test('an Anthropic event: error after message_start is a typed error with reason overloaded', async () => {
      raw.script(id('anthropic'), [{ chunks: [SSE_HEAD, ANTHROPIC_START, ANTHROPIC_DELTA, ANTHROPIC_OVERLOADED] }]);
      const { error } = await drain(await viaRaw('anthropic'));
      expect(isStreamError(error) && [error.failure, error.code, error.reason]).toEqual([
        'error-event',
        'overloaded_error',
        'overloaded',
      ]);
      expect(raw.arrivals(id('anthropic'))).toBe(1);
    });

    test('an OpenAI stream that ends cleanly without [DONE] is a truncation', async () => {
      raw.script(id('no-done'), [{ chunks: [SSE_HEAD, openAiChunk('Hel'), openAiChunk('lo')], intervalMs: 5 }]);
      const { text, error } = await drain(await viaRaw('no-done'));
      expect(isStreamError(error) && [error.failure, error.partial]).toEqual(['truncated', true]);
      expect(text).toContain('Hel');
      expect(raw.arrivals(id('no-done'))).toBe(1);
    });

    test('an Anthropic stream that ends without message_stop is a truncation', async () => {
      raw.script(id('no-stop'), [{ chunks: [SSE_HEAD, ANTHROPIC_START, ANTHROPIC_DELTA] }]);
      const { error } = await drain(await viaRaw('no-stop'));
      expect(isStreamError(error) && error.failure).toBe('truncated');
    });

    test('a complete stream passes through byte for byte', async () => {
      const body = [openAiChunk('Hel'), openAiChunk('lo'), ': keep-alive\n\n', 'data: [DONE]\n\n'];
      raw.script(id('whole'), [{ chunks: [SSE_HEAD, ...body], intervalMs: 2 }]);
      const { text, error } = await drain(await viaRaw('whole'));
      expect(error).toBeUndefined();
      expect(text).toBe(body.join(''));
    });
  });
});
