import { attachStaunch } from '@staunch/axios';
import { isStreamError } from '@staunch/core';
import type { TargetOptions } from '@staunch/failover';
import { routeOf } from '@staunch/failover';
import { createFetch } from '@staunch/fetch';
import { kyOptions } from '@staunch/ky';
import { type MockProvider, startFaultServer, startMockProvider } from '@staunch/testing';
import axios from 'axios';
import ky from 'ky';
import { afterEach, describe, expect, it } from 'vitest';

// The failover scenarios (F1–F5) against real loopback providers, through each adapter: the
// chain is one layer above the engine, so every adapter must route (and hedge) the same way.
type Send = (url: string, body: string, headers: Record<string, string>) => Promise<number>;
type Client = (options: { targets: readonly TargetOptions[]; failover?: { hedge: { delayMs: number } } }) => Send;

const clients: Record<string, Client> = {
  fetch: (options) => {
    const staunchFetch = createFetch({ ...options, retryGate: false });
    return async (url, body, headers) => {
      const response = await staunchFetch(url, { method: 'POST', body, headers });
      await response.arrayBuffer();
      return response.status;
    };
  },
  ky: (options) => {
    const api = ky.create({ ...kyOptions({ ...options, retryGate: false }), throwHttpErrors: false });
    return async (url, body, headers) => (await api.post(url, { body, headers })).status;
  },
  axios: (options) => {
    const instance = axios.create({ validateStatus: () => true });
    attachStaunch(instance, { ...options, retryGate: false });
    return async (url, body, headers) => (await instance.post(url, body, { headers })).status;
  },
};

const BODY = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], max_tokens: 8 });
const HEADERS = { 'content-type': 'application/json', authorization: 'Bearer primary-key' };
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function mock(options: Parameters<typeof startMockProvider>[0]): Promise<MockProvider> {
  const provider = await startMockProvider(options);
  closers.push(() => provider.close());
  return provider;
}

/** `count` calls, `concurrency` at a time; the statuses in call order. */
async function burst(send: Send, url: string, count: number, concurrency: number): Promise<number[]> {
  const statuses: number[] = new Array(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) statuses[i] = await send(url, BODY, HEADERS);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return statuses;
}

describe.each(Object.keys(clients))('failover through %s', (name) => {
  const client = clients[name] as Client;

  it('F1: the primary answers 503 to everything; the secondary serves every call; the breaker stops the primary', async () => {
    const primary = await mock({ rate: 1000, outages: [{ fromMs: 0, toMs: 3_600_000, status: 503 }] });
    const secondary = await mock({ rate: 1000 });
    const send = client({
      targets: [
        { name: 'primary', baseURL: `${primary.url}/v1`, policy: 'openai' },
        { name: 'secondary', baseURL: `${secondary.url}/v1`, policy: 'together', keys: ['secondary-key'] },
      ],
    });
    const statuses = await burst(send, `${primary.url}/v1/chat/completions`, 30, 5);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(secondary.stats().successes).toBe(30);
    // Detection (5 in a row) plus what was already in flight behind them.
    expect(primary.stats().arrivals).toBeLessThanOrEqual(5 + 4);
  });

  it('F2: a key out of quota gets exactly one attempt; every call is served by the secondary', async () => {
    const fault = await startFaultServer();
    closers.push(() => fault.close());
    const quota = JSON.stringify({ error: { code: 'insufficient_quota', message: 'You exceeded your current quota' } });
    fault.script('quota', [{ status: 429, body: quota, headers: { 'content-type': 'application/json' } }]);
    const secondary = await mock({ rate: 1000 });
    const base = `${fault.url}/s/quota/v1`;
    const send = client({
      targets: [
        { name: 'primary', baseURL: base, policy: 'openai' },
        { name: 'secondary', baseURL: `${secondary.url}/v1`, policy: 'together', keys: ['secondary-key'] },
      ],
    });
    const statuses = await burst(send, `${base}/chat/completions`, 20, 5);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(fault.arrivals('quota')).toBe(1);
    expect(secondary.stats().successes).toBe(20);
  });

  it('F3: three keys of one provider share the calls by headroom', async () => {
    const provider = await mock({ rate: 20, burst: 5, hint: 'openai', headersOnSuccess: true });
    const send = client({
      targets: [{ name: 'openai', baseURL: `${provider.url}/v1`, policy: 'openai', keys: ['k1', 'k2', 'k3'] }],
    });
    const statuses = await burst(send, `${provider.url}/v1/chat/completions`, 45, 9);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const byKey = new Map<string, number>();
    for (const entry of provider.stats().timeline)
      if (entry.status === 200) byKey.set(entry.key, (byKey.get(entry.key) ?? 0) + 1);
    expect([...byKey.keys()].sort()).toHaveLength(3);
    for (const count of byKey.values()) expect(count).toBeGreaterThanOrEqual(8);
  });

  it('F4: hedging: a slow primary answer is cut short by the secondary, within the budget', async () => {
    // A slow answer takes 2 s; a call that waited for one would take that long, a hedged one not.
    const SLOW_MS = 2_000;
    const primary = await mock({ rate: 1000, serviceTimeMs: 5, faults: { slowRate: 0.3, slowMs: SLOW_MS } });
    const secondary = await mock({ rate: 1000, serviceTimeMs: 5 });
    const send = client({
      targets: [
        { name: 'primary', baseURL: `${primary.url}/v1`, policy: 'openai' },
        { name: 'secondary', baseURL: `${secondary.url}/v1`, policy: 'together', keys: ['secondary-key'] },
      ],
      failover: { hedge: { delayMs: 100 } },
    });
    const url = `${primary.url}/v1/chat/completions`;
    const timed = async () => {
      const began = performance.now();
      const status = await send(url, BODY, HEADERS);
      return { status, ms: performance.now() - began };
    };
    // One call at a time: a hedge goes only to a key that has answered, so slow answers that come
    // together before the secondary's first answer are not all hedged (chain-limits.test.ts: an
    // unvouched key takes one call of a burst).
    const calls: { status: number; ms: number }[] = [];
    for (let i = 0; i < 20; i++) calls.push(await timed());
    expect(calls.map((c) => c.status)).toEqual(calls.map(() => 200));
    expect(calls.filter((c) => c.ms >= SLOW_MS).map((c) => Math.round(c.ms))).toEqual([]);
    const hedges = secondary.stats().arrivals;
    expect(hedges).toBeGreaterThan(0);
    // The default budget: a tenth of the calls plus a reserve of 10.
    expect(hedges).toBeLessThanOrEqual(10 + 0.1 * calls.length);
    expect(primary.stats().arrivals).toBe(calls.length);
  });

  it('F5: the primary has no channel for the model (new-api 503): one attempt a call at most, then its breaker', async () => {
    const primary = await mock({ rate: 1000, models: ['some-other-model'], errorStyle: 'gateway' });
    const secondary = await mock({ rate: 1000 });
    const send = client({
      targets: [
        { name: 'gateway', baseURL: `${primary.url}/v1`, policy: '4allapi' },
        { name: 'secondary', baseURL: `${secondary.url}/v1`, policy: 'together', keys: ['secondary-key'] },
      ],
    });
    const statuses = await burst(send, `${primary.url}/v1/chat/completions`, 30, 5);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(primary.stats().arrivals).toBeLessThanOrEqual(5 + 4);
    expect(secondary.stats().successes).toBe(30);
  });
});

describe('the route, as fetch reports it', () => {
  it('names the target and key that served, and the attempts at each', async () => {
    const primary = await mock({ rate: 1000, outages: [{ fromMs: 0, toMs: 3_600_000, status: 503 }] });
    const secondary = await mock({ rate: 1000 });
    const staunchFetch = createFetch({
      retryGate: false,
      targets: [
        { name: 'primary', baseURL: `${primary.url}/v1`, policy: 'openai' },
        { name: 'secondary', baseURL: `${secondary.url}/v1`, policy: 'together', keys: ['a', 'b'] },
      ],
    });
    const routes: string[] = [];
    staunchFetch.onRoute((report) => routes.push(`${report.target}#${report.key}`));
    const response = await staunchFetch(`${primary.url}/v1/chat/completions`, {
      method: 'POST',
      body: BODY,
      headers: HEADERS,
    });
    await response.arrayBuffer();
    expect(routeOf(response)).toMatchObject({
      ok: true,
      target: 'secondary',
      attempts: 2,
      outcomes: [
        { target: 'primary', attempts: 1, status: 503 },
        { target: 'secondary', outcome: 'served', status: 200 },
      ],
    });
    expect(routes).toEqual([`secondary#${routeOf(response)?.key}`]);
  });
});

describe('a stream that committed', () => {
  it('is never failed over: the reader gets the StreamError, the next target no request', async () => {
    const fault = await startFaultServer();
    closers.push(() => fault.close());
    const events = ['{"choices":[{"delta":{"content":"Hel"}}]}'];
    // biome-ignore lint/suspicious/noThenProperty: the fault server's SseStep field; a string is never thenable.
    fault.script('stream', [{ sse: { events, then: 'reset' } }]);
    const secondary = await mock({ rate: 1000 });
    const base = `${fault.url}/s/stream/v1`;
    const staunchFetch = createFetch({
      retryGate: false,
      targets: [
        { name: 'primary', baseURL: base, policy: 'openai' },
        { name: 'secondary', baseURL: `${secondary.url}/v1`, policy: 'together' },
      ],
    });
    const response = await staunchFetch(`${base}/chat/completions`, { method: 'POST', body: BODY, headers: HEADERS });
    expect(response.status).toBe(200);
    const read = await response.text().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(isStreamError(read) || isStreamError((read as { cause?: unknown } | undefined)?.cause)).toBe(true);
    expect(fault.arrivals('stream')).toBe(1);
    expect(secondary.stats().arrivals).toBe(0);
    expect(routeOf(response)).toMatchObject({ target: 'primary', attempts: 1 });
  });
});
