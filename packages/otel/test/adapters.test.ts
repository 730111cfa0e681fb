import { SpanKind } from '@opentelemetry/api';
import { attachStaunch } from '@staunch/axios';
import { kyOptions } from '@staunch/ky';
import axios from 'axios';
import ky from 'ky';
import { describe, expect, it } from 'vitest';
import { type InstrumentTarget, instrument } from '../src/index.js';
import { loopbackWithSdk } from './support/loopback.js';
import { childrenOf } from './support/otel-sdk.js';

const loopback = loopbackWithSdk();

// What ky and axios expose is traced the same way as fetch: one call span, a span per attempt.
async function traced(id: string, send: (url: string) => Promise<unknown>, target: InstrumentTarget) {
  loopback.server.script(id, [{ status: 503, headers: { 'retry-after-ms': '1' } }, { status: 200 }]);
  const instrumentation = instrument(target, { tracerProvider: loopback.sdk.tracerProvider });
  await send(`${loopback.server.url}/s/${id}/v1/chat/completions?api_key=secret`);
  instrumentation.dispose();
  const spans = loopback.sdk.spans();
  const call = spans.find((span) => span.name === 'staunch POST');
  if (call === undefined) throw new Error('no call span');
  return { call, attempts: childrenOf(spans, call) };
}

describe('ky and axios', () => {
  it('ky', async () => {
    // kyOptions' `fetch` carries the engine's events; ky.extend takes the rest.
    const config = kyOptions({ policy: 'together', throttle: false });
    const api = ky.extend(config);
    const { call, attempts } = await traced(
      'ky',
      (url) => api.post(url, { json: { model: 'm-ky' } }).json(),
      config.fetch,
    );
    expect(call.attributes).toMatchObject({ 'gen_ai.system': 'together_ai', 'gen_ai.request.model': 'm-ky' });
    expect(String(call.attributes['url.full'])).toMatch(/\?api_key=REDACTED$/);
    expect(attempts.map((span) => [span.kind, span.attributes['http.request.resend_count']])).toEqual([
      [SpanKind.CLIENT, undefined],
      [SpanKind.CLIENT, 1],
    ]);
  });

  it('axios', async () => {
    const instance = axios.create();
    const detach = attachStaunch(instance, { policy: 'anthropic', throttle: false });
    const { call, attempts } = await traced('axios', (url) => instance.post(url, { model: 'm-axios' }), detach);
    detach();
    expect(call.attributes).toMatchObject({
      'gen_ai.system': 'anthropic',
      'gen_ai.request.model': 'm-axios',
      'http.request.method': 'POST',
    });
    expect(attempts.map((span) => span.attributes['http.response.status_code'])).toEqual([503, 200]);
  });
});
