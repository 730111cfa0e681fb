import { createRequire } from 'node:module';
import { SpanKind } from '@opentelemetry/api';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { attachStaunch } from '@staunch/axios';
import { type FaultServer, startFaultServer } from '@staunch/testing';
import axios from 'axios';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { instrument } from '../src/index.js';
import { childrenOf, type Sdk, startSdk } from './support/otel-sdk.js';

// axios in Node sends through node:http; with @opentelemetry/instrumentation-http on, that makes
// the CLIENT span of each request. With `clientSpans: false` it nests under Staunch's attempt
// span, as undici's does for fetch: one client span per request sent.
let server: FaultServer;
let sdk: Sdk;
let http: HttpInstrumentation;
beforeAll(async () => {
  server = await startFaultServer();
  sdk = startSdk();
  http = new HttpInstrumentation({
    // Only the client side of the requests under test: the fault server's own spans stay out.
    ignoreIncomingRequestHook: () => true,
  });
  http.setTracerProvider(sdk.tracerProvider);
  http.enable();
  // The instrumentation patches node:http when it is required; axios holds the same module object.
  createRequire(import.meta.url)('node:http');
});
afterAll(async () => {
  http.disable();
  await server.close();
  await sdk.shutdown();
});
beforeEach(() => sdk.reset());

it('axios, clientSpans: false — call (INTERNAL) → attempt (INTERNAL) → node:http request (CLIENT)', async () => {
  server.script('axios-nest', [{ status: 503, headers: { 'retry-after-ms': '1' } }, { status: 200 }]);
  const instance = axios.create();
  const detach = attachStaunch(instance, { policy: 'openai', throttle: false });
  const instrumentation = instrument(detach, { tracerProvider: sdk.tracerProvider, clientSpans: false });
  const response = await instance.post(`${server.url}/s/axios-nest/v1/chat/completions`, { model: 'm' });
  instrumentation.dispose();
  detach();
  expect(response.status).toBe(200);
  const spans = sdk.spans();
  const call = spans.find((span) => span.name === 'staunch POST');
  if (call === undefined) throw new Error(`no call span in ${spans.map((span) => span.name)}`);
  const attempts = childrenOf(spans, call);
  expect(attempts.map((span) => [span.name, span.kind])).toEqual([
    ['staunch attempt 1', SpanKind.INTERNAL],
    ['staunch attempt 2', SpanKind.INTERNAL],
  ]);
  expect(spans.filter((span) => span.kind === SpanKind.CLIENT)).toHaveLength(2);
  for (const [index, attempt] of attempts.entries()) {
    const [client, ...more] = childrenOf(spans, attempt);
    expect(more).toEqual([]);
    expect(client?.kind).toBe(SpanKind.CLIENT);
    expect(client?.attributes['http.response.status_code']).toBe(index === 0 ? 503 : 200);
  }
});
