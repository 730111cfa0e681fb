import { createHash } from 'node:crypto';
import { Agent } from 'node:http';
import { readErrorBody } from '@staunch/core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type FaultServer, startFaultServer } from '../src/index.js';
import { rawRequest } from './support/raw-request.js';

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterEach(() => server.reset());
afterAll(() => server.close());

describe('scripts', () => {
  test('an unscripted request gets 200 {"ok":true} and is recorded under the empty id', async () => {
    const res = await fetch(`${server.url}/anything`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(server.requests()).toMatchObject([{ id: '', attempt: 1, method: 'GET', path: '/anything' }]);
  });

  test('the n-th arrival gets the n-th step and the last step repeats', async () => {
    server.script('seq', [{ status: 503 }, { status: 429, headers: { 'retry-after': '1' } }, { status: 200 }]);
    const statuses: number[] = [];
    const retryAfters: (string | null)[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${server.url}/v1/x`, { headers: { 'x-test-id': 'seq' } });
      statuses.push(res.status);
      retryAfters.push(res.headers.get('retry-after'));
      await res.arrayBuffer();
    }
    expect(statuses).toEqual([503, 429, 200, 200]);
    expect(retryAfters).toEqual([null, '1', null, null]);
    expect(server.arrivals('seq')).toBe(4);
    expect(server.requests('seq').map((r) => r.attempt)).toEqual([1, 2, 3, 4]);
  });

  test('a path /s/<id>/… selects the script too', async () => {
    server.script('by-path', [{ status: 418, body: 'teapot' }]);
    const res = await fetch(`${server.url}/s/by-path/v1/chat/completions`);
    expect([res.status, await res.text()]).toEqual([418, 'teapot']);
    expect(server.arrivals('by-path')).toBe(1);
  });

  test('error statuses get an OpenAI-style body by default', async () => {
    server.script('err', [{ status: 429 }, { status: 500 }]);
    for (const expected of [['rate_limit_exceeded'], []]) {
      const res = await fetch(server.url, { headers: { 'x-test-id': 'err' } });
      const info = readErrorBody(await res.text(), ['error.code']);
      expect(info.codes).toEqual(expected);
      expect(info.message).toBeTypeOf('string');
    }
  });

  test('the body is read and hashed before the answer', async () => {
    const body = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'héllo' }] });
    await fetch(server.url, { method: 'POST', body, headers: { 'x-test-id': 'hash' } });
    const [recorded] = server.requests('hash');
    expect(recorded?.bodySha256).toBe(createHash('sha256').update(body).digest('hex'));
    expect(recorded?.bodyBytes).toBe(Buffer.byteLength(body));
    expect(recorded?.headers['x-test-id']).toBe('hash');
  });

  test('reset() forgets scripts, counts and records', async () => {
    server.script('gone', [{ status: 500 }]);
    await (await fetch(server.url, { headers: { 'x-test-id': 'gone' } })).text();
    server.reset();
    expect([server.arrivals('gone'), server.requests().length]).toEqual([0, 0]);
    expect((await fetch(server.url, { headers: { 'x-test-id': 'gone' } })).status).toBe(200);
  });

  test('an empty script is a programmer error', () => {
    expect(() => server.script('empty', [])).toThrow(/at least one step/);
  });
});

describe('transport faults', () => {
  const as = (id: string) => ({ headers: { 'x-test-id': id } });

  test('reset-before-headers: the client sees ECONNRESET and no status', async () => {
    server.script('rbh', [{ fault: 'reset-before-headers' }]);
    const result = await rawRequest(server.url, as('rbh'));
    expect(result.status).toBeUndefined();
    expect(result.error?.code).toBe('ECONNRESET');
    expect(result.error?.message).not.toBe('socket hang up');
  });

  test('close-without-response: the client sees "socket hang up"', async () => {
    server.script('cwr', [{ fault: 'close-without-response' }]);
    const result = await rawRequest(server.url, as('cwr'));
    expect(result.status).toBeUndefined();
    expect(result.error?.message).toBe('socket hang up');
  });

  test('reset-after-headers: status and headers arrive, the body fails part way', async () => {
    server.script('rah', [
      { status: 200, body: '{"ok":true,"padding":"xxxxxxxxxxxxxxxx"}', fault: 'reset-after-headers' },
    ]);
    const result = await rawRequest(server.url, as('rah'));
    expect(result.status).toBe(200);
    expect(result.failedAfterHeaders).toBe(true);
    expect(result.body.length).toBeLessThan(Number(result.headers?.['content-length']));
  });

  test('truncate-body: Content-Length promises more than arrives', async () => {
    server.script('tb', [{ body: '{"ok":true}', fault: 'truncate-body' }]);
    const result = await rawRequest(server.url, as('tb'));
    expect(result.status).toBe(200);
    expect(result.body).toBe('{"ok":true}');
    expect(Number(result.headers?.['content-length'])).toBeGreaterThan(result.body.length);
    expect(result.failedAfterHeaders).toBe(true);
  });

  test('hang: no answer until the client gives up, and close() still returns', async () => {
    const local = await startFaultServer();
    local.script('hang', [{ fault: 'hang' }]);
    const result = await rawRequest(local.url, { ...as('hang'), timeoutMs: 200 });
    expect(result.error?.name).toBe('AbortError');
    expect(local.arrivals('hang')).toBe(1);
    const stillHanging = rawRequest(local.url, as('hang'));
    await expect.poll(() => local.requests('hang').length).toBe(2);
    await local.close();
    expect((await stillHanging).error?.code).toBe('ECONNRESET');
  });

  test('slow-body: the body arrives whole, in several chunks', async () => {
    const body = JSON.stringify({ ok: true, text: 'a slow answer of some length' });
    server.script('slow', [{ body, fault: 'slow-body', delayMs: 5 }]);
    const result = await rawRequest(server.url, as('slow'));
    expect(result.body).toBe(body);
    expect(result.chunks).toBeGreaterThan(1);
  });

  test('delayMs holds the headers back (generous bound)', async () => {
    server.script('delay', [{ delayMs: 150 }]);
    const started = performance.now();
    const result = await rawRequest(server.url, as('delay'));
    expect(result.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('server-sent events', () => {
  const post = (id: string) => fetch(server.url, { method: 'POST', headers: { 'x-test-id': id } });

  test('events then [DONE]', async () => {
    server.script('sse', [{ sse: { events: ['{"n":1}', '{"n":2}'], intervalMs: 1 } }]);
    const res = await post('sse');
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    expect(await res.text()).toBe('data: {"n":1}\n\ndata: {"n":2}\n\ndata: [DONE]\n\n');
  });

  test('an in-band error event ends the stream without [DONE]', async () => {
    // biome-ignore lint/suspicious/noThenProperty: the agreed SseStep field; a string is never thenable.
    server.script('sse-err', [{ sse: { events: ['{"n":1}'], then: 'error-event' } }]);
    const text = await (await post('sse-err')).text();
    const events = text.split('\n\n').filter((e) => e.length > 0);
    expect(events).toHaveLength(2);
    expect(readErrorBody(events[1]?.replace(/^data: /, ''), ['error.code']).codes).toEqual(['server_error']);
    expect(text).not.toContain('[DONE]');
  });

  test('a reset after some events fails the body read', async () => {
    // biome-ignore lint/suspicious/noThenProperty: the agreed SseStep field; a string is never thenable.
    server.script('sse-reset', [{ sse: { events: ['{"n":1}'], then: 'reset' } }]);
    const result = await rawRequest(server.url, { method: 'POST', headers: { 'x-test-id': 'sse-reset' } });
    expect(result.status).toBe(200);
    expect(result.body).toBe('data: {"n":1}\n\n');
    expect(result.failedAfterHeaders).toBe(true);
  });
});

describe('connections', () => {
  test('counts accepted sockets: a keep-alive agent reuses one, a fresh agent opens more', async () => {
    const local = await startFaultServer();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (let i = 0; i < 3; i++) await rawRequest(local.url, { agent });
      expect(local.connections).toBe(1);
      for (let i = 0; i < 2; i++) await rawRequest(local.url);
      expect(local.connections).toBe(3);
    } finally {
      agent.destroy();
      await local.close();
    }
  });

  test('close() resolves with idle keep-alive sockets open and is idempotent', async () => {
    const local = await startFaultServer();
    const agent = new Agent({ keepAlive: true });
    await rawRequest(local.url, { agent });
    await local.close();
    await local.close();
    agent.destroy();
    const after = await rawRequest(local.url);
    expect(after.error?.code).toBe('ECONNREFUSED');
  });
});
