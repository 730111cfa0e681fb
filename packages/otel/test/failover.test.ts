import { SpanStatusCode } from '@opentelemetry/api';
import type { GaugeMetricData, HistogramMetricData, MetricData } from '@opentelemetry/sdk-metrics';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { attachStaunch } from '@staunch/axios';
import { createFetch } from '@staunch/fetch';
import { kyOptions } from '@staunch/ky';
import axios from 'axios';
import ky from 'ky';
import { describe, expect, it } from 'vitest';
import { type InstrumentTarget, instrument } from '../src/index.js';
import { loopbackWithSdk } from './support/loopback.js';
import { childrenOf } from './support/otel-sdk.js';

// A failover chain traced with the real SDK: a route span per routed call over one call span per
// leg (each naming its target and key index), the attempts under each leg, and the breakers measured.
const loopback = loopbackWithSdk();

const BODY = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
const HEADERS = { 'content-type': 'application/json', authorization: 'Bearer sk-caller' };
const QUOTA = JSON.stringify({ error: { code: 'insufficient_quota', message: 'You exceeded your current quota' } });

/** A primary whose every answer is `primary`, and a backup with two keys whose first key is out of quota. */
function chain(id: string, primary: { status: number; body?: string }) {
  loopback.server.script(`${id}-primary`, [
    { ...primary, headers: { 'retry-after-ms': '1', 'content-type': 'application/json' } },
  ]);
  loopback.server.script(`${id}-backup`, [
    { status: 429, body: QUOTA, headers: { 'content-type': 'application/json' } },
    { status: 200 },
  ]);
  return {
    entry: `${loopback.server.url}/s/${id}-primary/v1/chat/completions`,
    targets: [
      { name: 'primary', baseURL: `${loopback.server.url}/s/${id}-primary/v1`, policy: 'openai' as const },
      {
        name: 'backup',
        baseURL: `${loopback.server.url}/s/${id}-backup/v1`,
        policy: 'together' as const,
        keys: ['k-0', 'k-1'],
      },
    ],
  };
}

function routeSpan(spans: readonly ReadableSpan[]): ReadableSpan {
  const found = spans.filter((span) => span.name === 'staunch route POST');
  if (found.length !== 1) throw new Error(`expected one route span, got ${spans.map((span) => span.name)}`);
  return found[0] as ReadableSpan;
}

function metric(all: readonly MetricData[], name: string): MetricData {
  const found = all.find((data) => data.descriptor.name === name);
  if (found === undefined) throw new Error(`no metric ${name}`);
  return found;
}

describe('a routed call (fetch)', () => {
  it('one route span over a leg per target and key, each with its attempts; the route names who served', async () => {
    const { entry, targets } = chain('served', { status: 503 });
    const fetch = createFetch({ targets, retryGate: false, throttle: false });
    const instrumentation = instrument(fetch, {
      tracerProvider: loopback.sdk.tracerProvider,
      meterProvider: loopback.sdk.meterProvider,
    });
    const response = await fetch(entry, { method: 'POST', headers: HEADERS, body: BODY });
    expect(response.status).toBe(200);
    const spans = loopback.sdk.spans();
    const route = routeSpan(spans);
    expect(route.parentSpanContext).toBeUndefined();
    expect(route.attributes).toMatchObject({
      'staunch.route.entry': 'primary',
      'staunch.target': 'backup',
      'staunch.key_index': 1,
      'staunch.route.targets': ['primary', 'backup#0', 'backup#1'],
      'staunch.route.outcomes': ['overloaded', 'quota', 'served'],
    });
    expect(route.status.code).not.toBe(SpanStatusCode.ERROR);
    const legs = childrenOf(spans, route).sort(
      (a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1],
    );
    expect(
      legs.map((leg) => [leg.name, leg.attributes['staunch.target'], leg.attributes['staunch.key_index']]),
    ).toEqual([
      ['staunch POST', 'primary', undefined],
      ['staunch POST', 'backup', 0],
      ['staunch POST', 'backup', 1],
    ]);
    // One clock for route, legs and attempts: each leg lies inside the route span, after the one before.
    const ms = (time: readonly [number, number]) => time[0] * 1e3 + time[1] / 1e6;
    legs.forEach((leg, i) => {
      expect(ms(leg.startTime)).toBeGreaterThanOrEqual(ms(route.startTime));
      expect(ms(leg.endTime)).toBeLessThanOrEqual(ms(route.endTime));
      const next = legs[i + 1];
      if (next !== undefined) expect(ms(next.startTime)).toBeGreaterThanOrEqual(ms(leg.endTime));
    });
    // The primary's leg made its attempts (retried 503s) before the chain moved on; each key one.
    const attempts = legs.map((leg) => childrenOf(spans, leg).length);
    expect(attempts[0]).toBe((route.attributes['staunch.attempts'] as number) - 2);
    expect(attempts.slice(1)).toEqual([1, 1]);
    expect(childrenOf(spans, legs[1] as ReadableSpan)[0]?.attributes['http.response.status_code']).toBe(429);

    // The quota answer holds key 0's breaker open; the primary's stays closed below its threshold.
    const all = await loopback.sdk.metrics();
    instrumentation.dispose();
    const gauge = metric(all, 'staunch.breaker.state') as GaugeMetricData;
    const open = gauge.dataPoints
      .filter((point) => point.attributes['staunch.breaker.state'] === 'open' && point.value === 1)
      .map((point) => [point.attributes['staunch.target'], point.attributes['staunch.key_index']]);
    expect(open).toEqual([['backup', 0]]);
    expect(gauge.dataPoints).toHaveLength(4 * 3);
    const durations = (metric(all, 'staunch.call.duration') as HistogramMetricData).dataPoints;
    expect(new Set(durations.map((point) => point.attributes['staunch.target']))).toEqual(
      new Set(['primary', 'backup']),
    );
  });

  it('every target fails: the route span is an error listing each outcome', async () => {
    const { entry, targets } = chain('none', { status: 401 });
    loopback.server.script(`none-backup`, [{ status: 401 }]);
    const fetch = createFetch({ targets, retryGate: false, throttle: false });
    const instrumentation = instrument(fetch, { tracerProvider: loopback.sdk.tracerProvider });
    const response = await fetch(entry, { method: 'POST', headers: HEADERS, body: BODY });
    instrumentation.dispose();
    expect(response.status).toBe(401);
    const route = routeSpan(loopback.sdk.spans());
    expect(route.status.code).toBe(SpanStatusCode.ERROR);
    expect(route.attributes['error.type']).toBe('FailoverError');
    expect(route.attributes['staunch.target']).toBeUndefined();
    expect(route.status.message).toMatch(/^no target served: primary auth, backup#0 auth, backup#1 auth$/);
  });

  it('a request outside the chain has no route span, and the instrumentation leaves nothing behind', async () => {
    loopback.server.script('outside', [{ status: 200 }]);
    const { targets } = chain('outside-chain', { status: 200 });
    const fetch = createFetch({ targets, retryGate: false, throttle: false });
    const instrumentation = instrument(fetch, { tracerProvider: loopback.sdk.tracerProvider });
    await (
      await fetch(`${loopback.server.url}/s/outside/v1/chat/completions`, {
        method: 'POST',
        headers: HEADERS,
        body: BODY,
      })
    ).text();
    instrumentation.dispose();
    expect(loopback.sdk.spans().map((span) => span.name)).toEqual(['POST', 'staunch POST']);
    expect(
      loopback.sdk.spans().find((span) => span.name === 'staunch POST')?.attributes['staunch.target'],
    ).toBeUndefined();
  });
});

describe('ky and axios expose the same route telemetry', () => {
  const cases: [
    string,
    (targets: ReturnType<typeof chain>['targets']) => {
      target: InstrumentTarget;
      send: (url: string) => Promise<unknown>;
    },
  ][] = [
    [
      'ky',
      (targets) => {
        const config = kyOptions({ targets, retryGate: false, throttle: false });
        const api = ky.extend(config);
        return { target: config.fetch, send: (url) => api.post(url, { body: BODY, headers: HEADERS }).text() };
      },
    ],
    [
      'axios',
      (targets) => {
        const instance = axios.create();
        const detach = attachStaunch(instance, { targets, retryGate: false, throttle: false });
        return { target: detach, send: (url) => instance.post(url, BODY, { headers: HEADERS }) };
      },
    ],
  ];
  it.each(cases)('%s', async (name, client) => {
    const { entry, targets } = chain(`lib-${name}`, { status: 503 });
    const { target, send } = client(targets);
    expect(target.routes).toBeDefined();
    const instrumentation = instrument(target, { tracerProvider: loopback.sdk.tracerProvider });
    await send(entry);
    instrumentation.dispose();
    const route = routeSpan(loopback.sdk.spans());
    expect(route.attributes).toMatchObject({ 'staunch.target': 'backup', 'staunch.key_index': 1 });
    expect(childrenOf(loopback.sdk.spans(), route)).toHaveLength(3);
  });
});
