// With no `policy`, the preset comes from each request's host. A real loopback server answers;
// the transport sends a provider's URL there, so the engine sees the provider's host.
import { isConfigError, isHttpError } from '@staunch/core';
import { type FaultServer, startFaultServer } from '@staunch/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createFetch } from '../src/index.js';

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());

/** A fetch that sends every URL to the loopback server, keeping its path. */
function toLoopback(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const url = new URL(input instanceof Request ? input.url : String(input));
  return globalThis.fetch(`${server.url}${url.pathname}`, init);
}

async function failure(fetch: typeof globalThis.fetch, url: string, id: string) {
  const error = await fetch(url, { method: 'POST', headers: { 'x-test-id': id }, body: '{}' }).catch((e) => e);
  expect(isHttpError(error), String(error)).toBe(true);
  return error as { reason: string; provider: string; attempts: number };
}

test('a Together URL gets the Together preset: its 403 is the context length, not a permission', async () => {
  server.script('together-403', [{ status: 403, body: '{"error":{"message":"too long"}}' }]);
  const fetch = createFetch({ fetch: toLoopback, throwHttpErrors: true, throttle: false });
  const error = await failure(fetch, 'https://api.together.xyz/v1/chat/completions', 'together-403');
  expect(error).toMatchObject({ provider: 'together', reason: 'context-length', attempts: 1 });
});

test('an unknown host gets the default policy', async () => {
  server.script('unknown-403', [{ status: 403, body: '{"error":{"message":"no"}}' }]);
  const fetch = createFetch({ throwHttpErrors: true, throttle: false });
  const error = await failure(fetch, `${server.url}/v1/chat/completions`, 'unknown-403');
  expect(error).toMatchObject({ provider: 'default', reason: 'permission', attempts: 1 });
});

test("a self-hosted gateway mapped in `hosts` gets that preset; the default reads the gateway's own body", async () => {
  const host = new URL(server.url).host;
  server.script('mapped-403', [{ status: 403, body: '{"error":{"message":"quota"}}' }]);
  const mapped = createFetch({ hosts: { [host]: 'new-api' }, throwHttpErrors: true, throttle: false });
  const error = await failure(mapped, `${server.url}/v1/chat/completions`, 'mapped-403');
  expect(error).toMatchObject({ provider: '4allapi', reason: 'quota', attempts: 1 });

  const body =
    '{"error":{"message":"no channel (request id: 7)","type":"new_api_error","param":"","code":"model_not_found"}}';
  server.script('gateway-503', [{ status: 503, body }]);
  const unmapped = createFetch({ throwHttpErrors: true, throttle: false });
  const gone = await failure(unmapped, `${server.url}/v1/chat/completions`, 'gateway-503');
  expect(gone).toMatchObject({ provider: 'default', reason: 'model-not-found', attempts: 1 });
  expect(server.arrivals('gateway-503')).toBe(1);
});

test('`policy` wins over the host; a URL object and a Request are read too', async () => {
  server.script('forced', [{ status: 403, body: '{}' }]);
  const fetch = createFetch({ policy: 'openai', fetch: toLoopback, throwHttpErrors: true, throttle: false });
  const error = await failure(fetch, 'https://api.together.xyz/v1/chat/completions', 'forced');
  expect(error.provider).toBe('openai');

  server.script('as-request', [{ status: 403, body: '{}' }]);
  const byHost = createFetch({ fetch: toLoopback, throwHttpErrors: true, throttle: false });
  const request = new Request('https://api.anthropic.com/v1/messages', {
    method: 'POST',
    headers: { 'x-test-id': 'as-request' },
    body: '{}',
  });
  const viaRequest = await byHost(request).catch((e) => e);
  expect(viaRequest).toMatchObject({ provider: 'anthropic' });
});

test('a bad host map fails when the fetch is made', () => {
  const error = (() => {
    try {
      createFetch({ hosts: { 'llm.internal': 'antropic' } });
    } catch (e) {
      return e;
    }
  })();
  expect(isConfigError(error) && error.message).toMatch(
    /hosts\["llm\.internal"\]: unknown preset "antropic"\. Did you mean `anthropic`\?/,
  );
});
