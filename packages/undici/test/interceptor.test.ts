import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { isStreamError } from '@staunch/core';
import { type FaultServer, type FaultStep, type SseStep, startFaultServer } from '@staunch/testing';
import { Agent, getGlobalDispatcher, request, setGlobalDispatcher, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { staunch } from '../src/index.js';

const QUICK = { extends: 'default', backoff: { baseMs: 1, capMs: 5 } } as const;
const busy: FaultStep = { status: 503, headers: { 'retry-after-ms': '1' } };
const JSON_BODY = JSON.stringify({ model: 'undici-model', messages: [{ role: 'user', content: 'héllo' }] });
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let faults: FaultServer;
let agent: Agent;
beforeAll(async () => {
  faults = await startFaultServer();
  agent = new Agent();
});
afterAll(async () => {
  await agent.close();
  await faults.close();
});
const at = (id: string) => `${faults.url}/s/${id}/v1/chat/completions`;
const composed = (options = {}) =>
  agent.compose(staunch({ policy: QUICK, throttle: false, retryGate: false, ...options }));
const bodies = (id: string) => faults.requests(id).map((r) => r.bodySha256);

describe('request()', () => {
  test('a 503 is retried and the caller sees the final 200', async () => {
    faults.script('retried', [busy, { status: 200, body: '{"answer":42}' }]);
    const response = await request(at('retried'), { dispatcher: composed() });
    expect(response.statusCode).toBe(200);
    expect(await response.body.json()).toEqual({ answer: 42 });
    expect(faults.arrivals('retried')).toBe(2);
  });

  test.each([
    ['a string', JSON_BODY],
    ['a Buffer', Buffer.from(JSON_BODY)],
  ])('%s body is re-sent byte for byte', async (_kind, body) => {
    const id = `replay-${typeof body}`;
    faults.script(id, [busy, busy, { status: 200 }]);
    const response = await request(at(id), { method: 'POST', body, dispatcher: composed() });
    await response.body.text();
    expect(response.statusCode).toBe(200);
    expect(bodies(id)).toEqual(Array(3).fill(sha256(JSON_BODY)));
  });

  test('a stream body is sent once: the 503 comes back, never a replay without a body', async () => {
    faults.script('stream-once', [busy, { status: 200 }]);
    const body = Readable.from([Buffer.from(JSON_BODY)]);
    const response = await request(at('stream-once'), { method: 'POST', body, dispatcher: composed() });
    await response.body.text();
    expect(response.statusCode).toBe(503);
    expect(bodies('stream-once')).toEqual([sha256(JSON_BODY)]);
  });

  test('a connection reset is retried', async () => {
    faults.script('reset', [{ fault: 'reset-before-headers' }, { status: 200 }]);
    const response = await request(at('reset'), { dispatcher: composed() });
    await response.body.text();
    expect(response.statusCode).toBe(200);
    expect(faults.arrivals('reset')).toBe(2);
  });

  test('a request the filter leaves out goes straight through, once', async () => {
    faults.script('filtered', [busy, { status: 200 }]);
    const dispatcher = composed({ filter: (url: URL) => !url.pathname.includes('/filtered/') });
    const response = await request(at('filtered'), { dispatcher });
    await response.body.text();
    expect(response.statusCode).toBe(503);
    expect(faults.arrivals('filtered')).toBe(1);
  });
});

describe('fetch', () => {
  test('a fail-fast 400 comes back at once with its body intact', async () => {
    const error = '{"error":{"message":"bad request","type":"invalid_request_error"}}';
    faults.script('fail-fast', [{ status: 400, body: error }, { status: 200 }]);
    const response = await undiciFetch(at('fail-fast'), { method: 'POST', body: JSON_BODY, dispatcher: composed() });
    expect(response.status).toBe(400);
    expect(await response.text()).toBe(error);
    expect(faults.arrivals('fail-fast')).toBe(1);
  });

  test('a string body (which fetch hands the dispatcher as a stream of known length) is replayed', async () => {
    faults.script('fetch-replay', [busy, busy, { status: 200 }]);
    const response = await undiciFetch(at('fetch-replay'), { method: 'POST', body: JSON_BODY, dispatcher: composed() });
    await response.text();
    expect(response.status).toBe(200);
    expect(bodies('fetch-replay')).toEqual(Array(3).fill(sha256(JSON_BODY)));
  });

  test('a ReadableStream body (no length) is sent once', async () => {
    faults.script('fetch-stream', [busy, { status: 200 }]);
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(JSON_BODY));
        controller.close();
      },
    });
    const init = { method: 'POST', body, duplex: 'half', dispatcher: composed() } as Parameters<typeof undiciFetch>[1];
    const response = await undiciFetch(at('fetch-stream'), init);
    await response.text();
    expect(response.status).toBe(503);
    expect(bodies('fetch-stream')).toEqual([sha256(JSON_BODY)]);
  });

  test("an abort during a server-requested wait ends the call at once with the caller's reason", async () => {
    faults.script('abort-wait', [{ status: 429, headers: { 'retry-after': '30' } }]);
    const controller = new AbortController();
    const reason = new Error('the caller gave up');
    const call = undiciFetch(at('abort-wait'), { signal: controller.signal, dispatcher: composed() });
    setTimeout(() => controller.abort(reason), 300);
    const started = performance.now();
    await expect(call).rejects.toBe(reason);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(faults.arrivals('abort-wait')).toBe(1);
  });

  test('an SSE stream that dies before its first byte is retried; one that dies after it fails the read', async () => {
    const event = JSON.stringify({ choices: [{ delta: { content: 'hi' } }] });
    // biome-ignore lint/suspicious/noThenProperty: the fault server's SseStep field; a string is never thenable.
    const reset: SseStep = { events: [], then: 'reset' };
    // biome-ignore lint/suspicious/noThenProperty: the fault server's SseStep field; a string is never thenable.
    const resetAfterOne: SseStep = { events: [event], then: 'reset' };
    faults.script('sse-before', [{ sse: reset }, { sse: { events: [event] } }]);
    const whole = await undiciFetch(at('sse-before'), { dispatcher: composed() });
    expect(await whole.text()).toContain('[DONE]');
    expect(faults.arrivals('sse-before')).toBe(2);

    faults.script('sse-after', [{ sse: resetAfterOne }, { sse: { events: [event] } }]);
    const partial = await undiciFetch(at('sse-after'), { dispatcher: composed() });
    const error = await partial.text().catch((e: unknown) => e);
    expect(isStreamError((error as { cause?: unknown }).cause) || isStreamError(error)).toBe(true);
    expect(faults.arrivals('sse-after')).toBe(1);
  });
});

describe('setGlobalDispatcher', () => {
  test("every fetch of the process, Node's own included, goes through the policy", async () => {
    const previous = getGlobalDispatcher();
    setGlobalDispatcher(composed());
    try {
      faults.script('global', [busy, busy, { status: 200 }]);
      const response = await globalThis.fetch(at('global'), { method: 'POST', body: JSON_BODY });
      await response.text();
      expect(response.status).toBe(200);
      expect(bodies('global')).toEqual(Array(3).fill(sha256(JSON_BODY)));
    } finally {
      setGlobalDispatcher(previous);
    }
  });
});
