import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { createFetch } from '@staunch/fetch';
import { describe, expect, it } from 'vitest';
import { instrument } from '../src/index.js';
import { loopbackWithSdk } from './support/loopback.js';
import { childrenOf } from './support/otel-sdk.js';

const loopback = loopbackWithSdk();

const body = JSON.stringify({ model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }] });
const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body };

function callSpan() {
  const span = loopback.sdk.spans().find((s) => s.name.startsWith('staunch '));
  if (span === undefined) throw new Error('no call span');
  return span;
}

describe('spans (real SDK, loopback server)', () => {
  it('503, 429, 200: one INTERNAL call span under the caller, three CLIENT attempt spans with resend counts', async () => {
    loopback.server.script('ok3', [
      { status: 503, headers: { 'retry-after-ms': '5' } },
      { status: 429, headers: { 'retry-after-ms': '7' } },
      { status: 200, body: '{"id":"x"}' },
    ]);
    const fetch = createFetch({ policy: 'openai', throttle: false });
    const instrumentation = instrument(fetch, { tracerProvider: loopback.sdk.tracerProvider });
    const tracer = loopback.sdk.tracerProvider.getTracer('app');
    const response = await tracer.startActiveSpan('handle request', async (root) => {
      const answer = await fetch(`${loopback.server.url}/s/ok3/v1/chat/completions?key=sk-secret&alt=sse`, post);
      root.end();
      return answer;
    });
    instrumentation.dispose();
    expect(response.status).toBe(200);

    const spans = loopback.sdk.spans();
    const root = spans.find((span) => span.name === 'handle request');
    const call = callSpan();
    expect(call.parentSpanContext?.spanId).toBe(root?.spanContext().spanId);
    expect(call.name).toBe('staunch POST');
    expect(call.kind).toBe(SpanKind.INTERNAL);
    const port = Number(new URL(loopback.server.url).port);
    expect(call.attributes).toMatchObject({
      'http.request.method': 'POST',
      'server.address': '127.0.0.1',
      'server.port': port,
      'url.full': `${loopback.server.url}/s/ok3/v1/chat/completions?key=REDACTED&alt=sse`,
      'http.response.status_code': 200,
      'staunch.attempts': 3,
      'staunch.policy': 'openai',
      'gen_ai.system': 'openai',
      'gen_ai.request.model': 'gpt-test',
    });
    expect(call.status.code).toBe(SpanStatusCode.UNSET);

    const attempts = childrenOf(spans, call);
    expect(attempts.map((span) => [span.name, span.kind])).toEqual([
      ['POST', SpanKind.CLIENT],
      ['POST', SpanKind.CLIENT],
      ['POST', SpanKind.CLIENT],
    ]);
    expect(attempts.map((span) => span.attributes['http.request.resend_count'])).toEqual([undefined, 1, 2]);
    expect(attempts.map((span) => span.attributes['http.response.status_code'])).toEqual([503, 429, 200]);
    expect(attempts.map((span) => span.attributes['error.type'])).toEqual(['503', '429', undefined]);
    expect(attempts.map((span) => span.attributes['staunch.action'])).toEqual(['retry', 'retry', undefined]);
    expect(attempts.map((span) => span.attributes['staunch.reason'])).toEqual(['overloaded', 'rate-limit', undefined]);
    expect(attempts.map((span) => span.status.code)).toEqual([
      SpanStatusCode.ERROR,
      SpanStatusCode.ERROR,
      SpanStatusCode.UNSET,
    ]);
    // The server's waits, as the engine slept them.
    expect(attempts[0]?.attributes['staunch.wait_ms']).toBeGreaterThanOrEqual(5);
    expect(attempts[1]?.attributes['staunch.wait_ms']).toBeGreaterThanOrEqual(7);
    expect(attempts[0]?.attributes['staunch.wait_source']).toBe('retry-after-ms');
    expect(typeof attempts[0]?.attributes['staunch.rule']).toBe('string');
    expect(attempts.every((span) => typeof span.attributes['staunch.throttle.wait_ms'] === 'number')).toBe(true);
    expect(attempts.every((span) => String(span.attributes['url.full']).includes('key=REDACTED'))).toBe(true);
    // Attempts follow each other inside the call span.
    const ms = (time: readonly [number, number]) => time[0] * 1e3 + time[1] / 1e6;
    for (const [index, span] of attempts.entries()) {
      expect(ms(span.startTime)).toBeGreaterThanOrEqual(ms(call.startTime));
      expect(ms(span.endTime)).toBeLessThanOrEqual(ms(call.endTime));
      const next = attempts[index + 1];
      if (next !== undefined) expect(ms(next.startTime)).toBeGreaterThanOrEqual(ms(span.endTime));
    }
  });

  it('a fail-fast 400: the call span is an error with the status as error.type; the attempt says fail', async () => {
    loopback.server.script('bad', [
      { status: 400, body: '{"error":{"message":"bad request","type":"invalid_request_error"}}' },
    ]);
    const fetch = createFetch({ policy: 'openai', throttle: false });
    const instrumentation = instrument(fetch, { tracerProvider: loopback.sdk.tracerProvider });
    await fetch(`${loopback.server.url}/s/bad/v1/chat/completions`, post);
    instrumentation.dispose();

    const call = callSpan();
    expect(call.status.code).toBe(SpanStatusCode.ERROR);
    expect(call.attributes).toMatchObject({
      'error.type': '400',
      'http.response.status_code': 400,
      'staunch.attempts': 1,
    });
    expect(call.events.map((event) => event.name)).toEqual(['exception']);
    const [attempt] = childrenOf(loopback.sdk.spans(), call);
    expect(attempt?.attributes).toMatchObject({ 'staunch.action': 'fail', 'error.type': '400' });
  });

  it('retries that run out: the last attempt says give-up; a reset socket is error.type network', async () => {
    loopback.server.script('down', [{ fault: 'reset-before-headers' }, { status: 500 }]);
    const fetch = createFetch({
      policy: { extends: 'openai', maxAttempts: 2, backoff: { baseMs: 1, capMs: 2 } },
      throttle: false,
    });
    const instrumentation = instrument(fetch, { tracerProvider: loopback.sdk.tracerProvider });
    await fetch(`${loopback.server.url}/s/down/v1/chat/completions`, post);
    instrumentation.dispose();

    const call = callSpan();
    const attempts = childrenOf(loopback.sdk.spans(), call);
    expect(attempts.map((span) => span.attributes['error.type'])).toEqual(['network', '500']);
    expect(attempts.map((span) => span.attributes['staunch.action'])).toEqual(['retry', 'give-up']);
    expect(attempts[0]?.attributes['http.response.status_code']).toBeUndefined();
    expect(call.attributes['error.type']).toBe('500');
  });

  it('an abort mid-attempt: the attempt says cancelled, the call span is the abort', async () => {
    loopback.server.script('hang', [{ fault: 'hang' }]);
    const fetch = createFetch({ policy: 'openai', throttle: false });
    const instrumentation = instrument(fetch, { tracerProvider: loopback.sdk.tracerProvider });
    const controller = new AbortController();
    const pending = fetch(`${loopback.server.url}/s/hang/v1/chat/completions`, { ...post, signal: controller.signal });
    while (loopback.server.arrivals('hang') === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    await expect(pending).rejects.toThrow();
    instrumentation.dispose();

    const call = callSpan();
    expect(call.attributes['error.type']).toBe('StaunchAbortedError');
    const [attempt] = childrenOf(loopback.sdk.spans(), call);
    expect(attempt?.attributes).toMatchObject({ 'error.type': 'cancelled', 'staunch.action': 'cancelled' });
  });

  it('dispose stops tracing: later calls make no spans', async () => {
    loopback.server.script('after', [{ status: 200 }]);
    const fetch = createFetch({ throttle: false });
    instrument(fetch, { tracerProvider: loopback.sdk.tracerProvider }).dispose();
    await fetch(`${loopback.server.url}/s/after/x`);
    expect(loopback.sdk.spans()).toEqual([]);
  });

  it('a target without the events is a ConfigError naming the fix', () => {
    expect(() => instrument({} as never)).toThrow(/target: expected something exposing Staunch's events/);
    expect(() => instrument(createFetch(), { clientSpan: true } as never)).toThrow(/clientSpan: unknown option/);
  });
});
