import { readErrorBody } from '@staunch/core';
import { afterEach, describe, expect, test } from 'vitest';
import { type ErrorStyle, type MockProvider, startMockProvider, VirtualClock } from '../../src/index.js';
import { chat } from '../support/chat.js';

const CODE_PATHS = ['error.code', 'error.type'];
const open: MockProvider[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((p) => p.close()));
});

// What core should read from each style's 429, poison 400 and outage 503.
const EXPECTED: Record<ErrorStyle, { 429: string[]; 400: string[]; 503: string[] }> = {
  openai: {
    429: ['rate_limit_exceeded', 'requests'],
    400: ['invalid_request', 'invalid_request_error'],
    503: ['server_is_overloaded', 'service_unavailable_error'],
  },
  together: {
    429: ['dynamic_request_limited'],
    400: ['invalid_request', 'invalid_request_error'],
    503: ['server_error'],
  },
  gateway: {
    429: ['new_api_error'],
    400: ['invalid_request', 'new_api_error'],
    503: ['bad_response_status_code', 'upstream_error'],
  },
  anthropic: { 429: ['rate_limit_error'], 400: ['invalid_request_error'], 503: ['overloaded_error'] },
};

describe.each(Object.keys(EXPECTED) as ErrorStyle[])('%s bodies', (style) => {
  test('parse with core readErrorBody, with codes and a message', async () => {
    const clock = new VirtualClock();
    const mock = await startMockProvider({
      errorStyle: style,
      rate: 1,
      burst: 1,
      outages: [{ fromMs: 10, toMs: 20 }],
      clock,
    });
    open.push(mock);
    await chat(mock.url);
    const answers = { 429: await chat(mock.url), 400: await chat(mock.url, { content: 'STAUNCH_POISON' }) };
    await clock.advance(10);
    const all = { ...answers, 503: await chat(mock.url) };
    for (const status of [429, 400, 503] as const) {
      expect(all[status].status).toBe(status);
      const info = readErrorBody(all[status].text, CODE_PATHS);
      expect(info.codes).toEqual(EXPECTED[style][status]);
      expect(info.message?.length).toBeGreaterThan(0);
    }
  });
});

test('gateway messages carry the request id suffix; anthropic bodies carry request_id', async () => {
  const gateway = await startMockProvider({ errorStyle: 'gateway', rate: 1, burst: 1, clock: new VirtualClock() });
  const anthropic = await startMockProvider({ errorStyle: 'anthropic', rate: 1, burst: 1, clock: new VirtualClock() });
  open.push(gateway, anthropic);
  const headers = { 'x-request-id': 'abc123' };
  await chat(gateway.url);
  expect(readErrorBody((await chat(gateway.url, { headers })).text, []).message).toMatch(/\(request id: abc123\)$/);
  await chat(anthropic.url);
  expect(JSON.parse((await chat(anthropic.url, { headers })).text)).toMatchObject({
    type: 'error',
    request_id: 'abc123',
  });
});
