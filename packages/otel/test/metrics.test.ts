import type { HistogramMetricData, MetricData } from '@opentelemetry/sdk-metrics';
import { createAdaptiveThrottle } from '@staunch/core';
import { createFetch } from '@staunch/fetch';
import { type MockProvider, startMockProvider } from '@staunch/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instrument } from '../src/index.js';
import { type Sdk, startSdk } from './support/otel-sdk.js';

let provider: MockProvider;
let sdk: Sdk;
beforeAll(async () => {
  // A provider that allows 20 requests per second with a burst of 2: a burst of 8 meets 429s.
  provider = await startMockProvider({ rate: 20, burst: 2, hint: 'retry-after-ms' });
  sdk = startSdk();
});
afterAll(async () => {
  await provider.close();
  await sdk.shutdown();
});

function metric(all: readonly MetricData[], name: string): MetricData {
  const found = all.find((data) => data.descriptor.name === name);
  if (found === undefined) throw new Error(`no metric ${name}; got ${all.map((data) => data.descriptor.name)}`);
  return found;
}

function histogramTotals(data: MetricData): { count: number; sum: number } {
  const points = (data as HistogramMetricData).dataPoints;
  return {
    count: points.reduce((total, point) => total + point.value.count, 0),
    sum: points.reduce((total, point) => total + (point.value.sum ?? 0), 0),
  };
}

describe('metrics (real SDK, loopback mock provider)', () => {
  it('a burst of 8 against a limit: durations, attempts, retry delays, throttle waits and the learned rate', async () => {
    const throttle = createAdaptiveThrottle();
    const fetch = createFetch({ policy: 'openai', throttle });
    const instrumentation = instrument(fetch, { meterProvider: sdk.meterProvider, throttle });
    const body = JSON.stringify({ model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }] });
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        fetch(`${provider.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { authorization: 'Bearer sk-test', 'content-type': 'application/json' },
          body,
        }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(8).fill(200));
    const stats = provider.stats();
    const all = await sdk.metrics();
    instrumentation.dispose();

    const duration = metric(all, 'staunch.call.duration');
    expect(duration.descriptor.unit).toBe('s');
    expect(histogramTotals(duration).count).toBe(8);
    const attempts = metric(all, 'staunch.call.attempts');
    expect(attempts.descriptor.unit).toBe('{attempt}');
    // Every request the server saw is one attempt; every attempt after a call's first, one retry.
    expect(histogramTotals(attempts)).toEqual({ count: 8, sum: stats.arrivals });
    expect(stats.rateLimited).toBeGreaterThan(0);
    const retries = metric(all, 'staunch.retry.delay');
    expect(histogramTotals(retries).count).toBe(stats.arrivals - 8);
    expect((retries as HistogramMetricData).dataPoints[0]?.attributes).toMatchObject({
      'staunch.policy': 'openai',
      'staunch.reason': 'rate-limit',
      'server.address': '127.0.0.1',
      'http.request.method': 'POST',
      'gen_ai.system': 'openai',
    });
    expect(histogramTotals(metric(all, 'staunch.throttle.wait')).count).toBe(stats.arrivals);
    expect((duration as HistogramMetricData).dataPoints[0]?.attributes).toMatchObject({ 'staunch.outcome': 'success' });

    const rate = metric(all, 'staunch.throttle.rate');
    expect(rate.descriptor.unit).toBe('{request}/s');
    const [point, ...others] = rate.dataPoints;
    expect(others).toEqual([]);
    expect(point?.attributes['staunch.policy']).toBe('openai');
    expect(String(point?.attributes['staunch.scope'])).toContain('openai');
    expect(point?.value).toBeGreaterThan(0);
  });
});
