import { readErrorBody } from '@staunch/core';
import { afterEach, expect, test } from 'vitest';
import { type MockProvider, type MockProviderOptions, startMockProvider, VirtualClock } from '../../src/index.js';
import { burst, chat } from '../support/chat.js';

const open: MockProvider[] = [];
async function provider(options: MockProviderOptions): Promise<MockProvider> {
  const started = await startMockProvider(options);
  open.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((p) => p.close()));
});

test('poison: a marker in the body or an x-poison header always gets the fixed 4xx, even when limited', async () => {
  const mock = await provider({ rate: 1, burst: 1, clock: new VirtualClock() });
  expect(await burst(mock.url, 3, { content: 'please STAUNCH_POISON me' })).toEqual([400, 400, 400]);
  expect((await chat(mock.url, { headers: { 'x-poison': '422' } })).status).toBe(422);
  expect(mock.stats()).toMatchObject({ poisoned: 4, successes: 0 });
});

test('outage: every request fails inside the window and succeeds after it', async () => {
  const clock = new VirtualClock();
  const mock = await provider({ rate: 1000, outages: [{ fromMs: 100, toMs: 300 }], clock });
  expect((await chat(mock.url)).status).toBe(200);
  await clock.advance(100);
  expect(await burst(mock.url, 3)).toEqual([503, 503, 503]);
  await clock.advance(200);
  expect((await chat(mock.url)).status).toBe(200);
  expect(mock.stats().faults).toBe(3);
});

test('transient errors use only the configured statuses and are reproducible by seed', async () => {
  const options = { rate: 1000, seed: 7, faults: { errorRate: 0.5 }, clock: new VirtualClock() };
  const sequence = async () => {
    const mock = await provider({ ...options, clock: new VirtualClock() });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await chat(mock.url)).status);
    return statuses;
  };
  const first = await sequence();
  expect(await sequence()).toEqual(first);
  expect(new Set(first.filter((s) => s !== 200)).size).toBeGreaterThan(1);
  for (const status of first) expect([200, 500, 503, 504, 524]).toContain(status);
});

test('socket resets reach the client as a network error', async () => {
  const mock = await provider({ faults: { resetRate: 1 } });
  await expect(chat(mock.url)).rejects.toThrow();
  expect(mock.stats().byStatus[0]).toBe(1);
});

test('a slow answer takes at least slowMs (generous bound)', async () => {
  const mock = await provider({ faults: { slowRate: 1, slowMs: 150 } });
  const started = performance.now();
  expect((await chat(mock.url)).status).toBe(200);
  expect(performance.now() - started).toBeGreaterThanOrEqual(140);
});

test('an unknown model: 503 model_not_found from a gateway, 404 from OpenAI', async () => {
  const gateway = await provider({ models: ['gpt-x'], errorStyle: 'gateway' });
  const openai = await provider({ models: ['gpt-x'] });
  const fromGateway = await chat(gateway.url, { model: 'gtp-x' });
  expect(fromGateway.status).toBe(503);
  expect(readErrorBody(fromGateway.text, ['error.code']).codes).toEqual(['model_not_found']);
  expect((await chat(openai.url, { model: 'gtp-x' })).status).toBe(404);
  expect((await chat(openai.url, { model: 'gpt-x' })).status).toBe(200);
});

test('counts arrivals per request id and records a timeline', async () => {
  const mock = await provider({ rate: 1, burst: 1, clock: new VirtualClock() });
  await chat(mock.url, { headers: { 'x-request-id': 'r1' } });
  await chat(mock.url, { headers: { 'x-request-id': 'r1' } });
  await chat(mock.url, { headers: { 'x-test-id': 't1' } });
  await chat(mock.url);
  expect([mock.arrivals('r1'), mock.arrivals('t1'), mock.arrivals('other')]).toEqual([2, 1, 0]);
  expect(mock.stats().timeline.map((e) => e.status)).toEqual([200, 429, 429, 429]);
  expect(mock.stats().timeline.map((e) => e.requestId)).toEqual(['r1', 'r1', 't1', undefined]);
});

test('bad options are refused with the field named', async () => {
  await expect(startMockProvider({ rate: -1 })).rejects.toThrow(/rate: Expected a finite number ≥ 0, got -1/);
  await expect(startMockProvider({ faults: { errorRate: 2 } })).rejects.toThrow(/faults\.errorRate/);
  await expect(startMockProvider({ hint: 'nope' as never })).rejects.toThrow(/hint: Expected one of/);
  await expect(startMockProvider({ serviceTimeMs: { min: 30, max: 10 } })).rejects.toThrow(/serviceTimeMs/);
});
