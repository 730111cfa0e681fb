import { createHash } from 'node:crypto';
import { isConfigError, isHttpError } from '@staunch/core';
import { type FaultServer, type FaultStep, startFaultServer } from '@staunch/testing';
import type * as KyModule from 'ky';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { kyOptions, staunchKy } from '../src/index.js';

const FAST = { extends: 'default', backoff: { baseMs: 1, capMs: 5 } } as const;
const busy: FaultStep = { status: 503, headers: { 'retry-after-ms': '5' }, body: '{"error":{"message":"busy"}}' };
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let faults: FaultServer;
beforeAll(async () => {
  faults = await startFaultServer();
});
afterAll(() => faults.close());
const at = (id: string) => `${faults.url}/s/${id}/`;

// The same tests on ky 1 and on ky 2 (both in the peer range). ky 2 needs Node 22 or later: on an
// older Node it is skipped here and runs in CI's second pass on Node 24.
const NODE_MAJOR = Number(process.versions.node.split('.')[0]);
const VERSIONS = [
  { name: 'ky 1', load: () => import('ky'), minNode: 0 },
  { name: 'ky 2', load: () => import('ky2') as unknown as Promise<typeof KyModule>, minNode: 22 },
];

describe.each(VERSIONS)('$name', ({ load, minNode }) => {
  if (NODE_MAJOR < minNode) {
    test.skip(`needs Node ${minNode} or later`, () => {});
    return;
  }
  let ky: typeof KyModule.default;
  let HTTPError: typeof KyModule.HTTPError;
  let TimeoutError: typeof KyModule.TimeoutError;
  beforeAll(async () => {
    // Each version starts from empty records: the tests reuse their script ids.
    faults.reset();
    ({ default: ky, HTTPError, TimeoutError } = await load());
  });

  test('the policy retries and ky parses the final response', async () => {
    faults.script('retries', [busy, { status: 200, body: '{"answer":42}' }]);
    const api = staunchKy(ky, { policy: FAST, throttle: false, retryGate: false });
    expect(await api.get(at('retries')).json()).toEqual({ answer: 42 });
    expect(faults.arrivals('retries')).toBe(2);
  });

  test("ky's own retry is off, so attempts never multiply", async () => {
    // A GET 503 is something ky retries by default (limit 2): multiplied, this would be 9 arrivals.
    faults.script('no-multiply', [busy]);
    const api = staunchKy(ky, { policy: { ...FAST, maxAttempts: 3 }, throttle: false, retryGate: false });
    const error = await api.get(at('no-multiply')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HTTPError);
    expect((error as HTTPError).response.status).toBe(503);
    expect(faults.arrivals('no-multiply')).toBe(3);
  });

  test('a fail-fast status is one attempt and ky throws HTTPError with the response', async () => {
    faults.script('fail-fast', [{ status: 401, body: '{"error":{"message":"bad key"}}' }]);
    const api = staunchKy(ky, { policy: FAST, throttle: false, retryGate: false });
    const error = await api.post(at('fail-fast'), { json: { model: 'm' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HTTPError);
    // ky 2 reads the error body itself into `data`; ky 1 leaves it on the response.
    const data = (error as { data?: unknown }).data ?? (await (error as HTTPError).response.json());
    expect(data).toEqual({ error: { message: 'bad key' } });
    expect(faults.arrivals('fail-fast')).toBe(1);
  });

  test('typedErrors: the final failure is the typed error with the hint', async () => {
    faults.script('typed', [{ status: 402, body: '{"error":{"message":"limit reached"}}' }]);
    const api = staunchKy(ky, { policy: 'together', throttle: false, retryGate: false, typedErrors: true });
    const error = await api.post(at('typed'), { json: {} }).catch((e: unknown) => e);
    expect(isHttpError(error)).toBe(true);
    expect((error as Error).message).toContain('limit reached');
    expect(faults.arrivals('typed')).toBe(1);
  });

  test('a JSON body is re-sent byte for byte', async () => {
    faults.script('json-replay', [busy, busy, { status: 200 }]);
    const api = staunchKy(ky, { policy: FAST, throttle: false, retryGate: false });
    const json = { model: 'm', messages: [{ role: 'user', content: 'héllo' }] };
    await api.post(at('json-replay'), { json });
    expect(faults.requests('json-replay').map((r) => r.bodySha256)).toEqual(
      Array(3).fill(sha256(JSON.stringify(json))),
    );
  });

  test('a streamed body is sent once, not replayed', async () => {
    faults.script('stream-once', [busy, { status: 200 }]);
    const api = staunchKy(ky, { policy: FAST, throttle: false, retryGate: false });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('chunk'));
        controller.close();
      },
    });
    const error = await api.post(at('stream-once'), { body }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HTTPError);
    expect(faults.arrivals('stream-once')).toBe(1);
    expect(faults.requests('stream-once').map((r) => r.bodySha256)).toEqual([sha256('chunk')]);
  });

  test('hooks run once per call, around all attempts', async () => {
    faults.script('hooks', [busy, busy, { status: 200 }]);
    let before = 0;
    let after = 0;
    const api = ky.create({
      ...kyOptions({ policy: FAST, throttle: false, retryGate: false }),
      hooks: { beforeRequest: [() => void before++], afterResponse: [() => void after++] },
    });
    await api.get(at('hooks'));
    expect(faults.arrivals('hooks')).toBe(3);
    expect([before, after]).toEqual([1, 1]);
  });

  test('aborting during a server-requested wait rejects with the abort reason', async () => {
    faults.script('abort', [{ status: 429, headers: { 'retry-after': '30' } }]);
    const api = staunchKy(ky, { policy: FAST, throttle: false, retryGate: false });
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    const pending = api.get(at('abort'), { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 50);
    await expect(pending).rejects.toBe(reason);
    expect(faults.arrivals('abort')).toBe(1);
  });

  test("the policy's deadline surfaces as ky's TimeoutError", async () => {
    faults.script('deadline', [{ status: 200, delayMs: 2000 }]);
    const api = staunchKy(ky, { policy: { ...FAST, timeoutMs: 100 }, throttle: false, retryGate: false });
    const error = await api.get(at('deadline')).catch((e: unknown) => e);
    // By name: the adapter raises the TimeoutError of the ky it resolves, which in this
    // repository is ky 1 even while ky 2 is tested under another name.
    expect((error as Error).name).toBe(TimeoutError.name);
    expect(faults.arrivals('deadline')).toBe(1);
  });

  test('events are reachable on the fetch in kyOptions', async () => {
    faults.script('events', [busy, { status: 200 }]);
    const options = kyOptions({ policy: FAST, throttle: false, retryGate: false });
    const retries: number[] = [];
    options.fetch.onRetry((event) => retries.push(event.status ?? 0));
    await ky.create(options).get(at('events'));
    expect(retries).toEqual([503]);
  });

  // Per-request settings through ky's `context` option, as axios takes them in `config.staunch`.
  test('context.staunch.policy overrides the instance policy for that request only', async () => {
    faults.script('context-policy', [busy]);
    const api = staunchKy(ky, { policy: { ...FAST, maxAttempts: 4 }, throttle: false, retryGate: false });
    await api
      .get(at('context-policy'), { context: { staunch: { policy: { ...FAST, maxAttempts: 2 } } } })
      .catch(() => {});
    expect(faults.arrivals('context-policy')).toBe(2);
    await api.get(at('context-policy')).catch(() => {});
    expect(faults.arrivals('context-policy')).toBe(2 + 4);
  });

  test('context.staunch.typedErrors rejects that request with the typed error', async () => {
    faults.script('context-typed', [{ status: 402, body: '{"error":{"message":"limit reached"}}' }]);
    const api = staunchKy(ky, { policy: FAST, throttle: false, retryGate: false });
    const error = await api
      .post(at('context-typed'), { json: {}, context: { staunch: { typedErrors: true } } })
      .catch((e) => e);
    expect(isHttpError(error)).toBe(true);
    expect((error as Error).message).toContain('limit reached');
  });

  test('context.staunch: false sends the request once, as plain ky', async () => {
    faults.script('context-off', [busy, { status: 200 }]);
    const api = staunchKy(ky, { policy: FAST, throttle: false, retryGate: false });
    const error = await api.get(at('context-off'), { context: { staunch: false } }).catch((e: unknown) => e);
    expect((error as HTTPError).response.status).toBe(503);
    expect(faults.arrivals('context-off')).toBe(1);
  });

  test('a context.staunch of the wrong kind is a ConfigError naming it, before any request', async () => {
    faults.script('context-bad', [{ status: 200 }]);
    const api = staunchKy(ky, { policy: FAST, throttle: false, retryGate: false });
    const error = await api.get(at('context-bad'), { context: { staunch: 'openai' } }).catch((e: unknown) => e);
    expect(isConfigError(error) && error.field).toBe('context.staunch');
    expect(faults.arrivals('context-bad')).toBe(0);
  });

  test('idleTimeoutMs is validated when the options are built', () => {
    expect(() => kyOptions({ idleTimeoutMs: -1 })).toThrow(/idleTimeoutMs/);
  });
});
