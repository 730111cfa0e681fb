import { SpanKind } from '@opentelemetry/api';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { createFetch } from '@staunch/fetch';
import { type FaultServer, startFaultServer } from '@staunch/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { instrument } from '../src/index.js';
import { childrenOf, type Sdk, startSdk } from './support/otel-sdk.js';

// With the undici instrumentation on, Node's fetch makes a CLIENT span for every request sent.
// `clientSpans: false` makes Staunch's attempt spans INTERNAL and current while the request is
// sent, so each undici span nests under its attempt: one client span per request, never two.
let server: FaultServer;
let sdk: Sdk;
let undici: UndiciInstrumentation;
beforeAll(async () => {
  server = await startFaultServer();
  sdk = startSdk();
  undici = new UndiciInstrumentation();
  undici.setTracerProvider(sdk.tracerProvider);
  undici.enable();
});
afterAll(async () => {
  undici.disable();
  await server.close();
  await sdk.shutdown();
});
beforeEach(() => sdk.reset());

async function twoAttempts(id: string, clientSpans: boolean) {
  server.script(id, [{ status: 503, headers: { 'retry-after-ms': '1' } }, { status: 200 }]);
  const fetch = createFetch({ policy: 'openai', throttle: false });
  const instrumentation = instrument(fetch, { tracerProvider: sdk.tracerProvider, clientSpans });
  const response = await fetch(`${server.url}/s/${id}/v1/chat/completions`, { method: 'POST', body: '{}' });
  await response.arrayBuffer();
  instrumentation.dispose();
  return sdk.spans();
}

describe('with @opentelemetry/instrumentation-undici on', () => {
  it('clientSpans: false — call (INTERNAL) → attempt (INTERNAL, resend count) → undici request (CLIENT)', async () => {
    const spans = await twoAttempts('nest', false);
    const call = spans.find((span) => span.name === 'staunch POST');
    if (call === undefined) throw new Error('no call span');
    const attempts = childrenOf(spans, call);
    expect(attempts.map((span) => [span.name, span.kind, span.attributes['http.request.resend_count']])).toEqual([
      ['staunch attempt 1', SpanKind.INTERNAL, undefined],
      ['staunch attempt 2', SpanKind.INTERNAL, 1],
    ]);
    const clients = spans.filter((span) => span.kind === SpanKind.CLIENT);
    expect(clients).toHaveLength(2);
    for (const [index, attempt] of attempts.entries()) {
      const [client, ...more] = childrenOf(spans, attempt);
      expect(more).toEqual([]);
      expect(client?.kind).toBe(SpanKind.CLIENT);
      expect(client?.attributes['http.response.status_code']).toBe(index === 0 ? 503 : 200);
    }
  });

  it('clientSpans: true beside it would report each request twice as CLIENT (why the option exists)', async () => {
    const spans = await twoAttempts('twice', true);
    const clients = spans.filter((span) => span.kind === SpanKind.CLIENT);
    expect(clients).toHaveLength(4);
    // Even so, undici's spans nest under Staunch's attempt spans, never beside them.
    const staunch = new Set(
      clients.filter((span) => 'staunch.attempt' in span.attributes).map((s) => s.spanContext().spanId),
    );
    expect(clients.filter((span) => staunch.has(span.parentSpanContext?.spanId ?? '')).length).toBe(2);
  });
});
