import { ChatOpenAI } from '@langchain/openai';
import { isStreamError } from '@staunch/core';
import {
  type FaultServer,
  type MockProvider,
  type SseStep,
  startFaultServer,
  startMockProvider,
} from '@staunch/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { API_KEY, chunk, MODEL, PROMPT, staunchFetch, WHOLE_STREAM } from './support.js';

// LangChain for real: `ChatOpenAI` with Staunch's fetch in `configuration.fetch` and LangChain's
// own retries off (`maxRetries: 0`, which LangChain's caller and its OpenAI client both follow).
let mock: MockProvider;
let faults: FaultServer;
beforeAll(async () => {
  [mock, faults] = await Promise.all([
    startMockProvider({ rate: 5, burst: 1, hint: 'retry-after-ms' }),
    startFaultServer(),
  ]);
});
afterAll(() => Promise.all([mock.close(), faults.close()]));

const chat = (baseURL: string, fetch?: typeof globalThis.fetch) =>
  new ChatOpenAI({
    model: MODEL,
    apiKey: API_KEY,
    maxRetries: 0,
    configuration: { baseURL: `${baseURL}/v1`, ...(fetch === undefined ? {} : { fetch }) },
  });
const refilled = () => new Promise((resolve) => setTimeout(resolve, 400));

describe('ChatOpenAI', () => {
  test('a burst past the rate limit: every invoke succeeds, Staunch waiting out the 429s', async () => {
    const model = chat(mock.url, staunchFetch());
    const before = mock.stats();
    const replies = await Promise.all(Array.from({ length: 3 }, () => model.invoke(PROMPT)));
    expect(new Set(replies.map((r) => r.content)).size).toBe(1);
    expect(String(replies[0]?.content).length).toBeGreaterThan(10);
    expect(mock.stats().rateLimited - before.rateLimited).toBeGreaterThan(0);
  });

  test('the same burst without Staunch fails (the control)', async () => {
    await refilled();
    const model = chat(mock.url);
    const settled = await Promise.allSettled(Array.from({ length: 3 }, () => model.invoke(PROMPT)));
    expect(settled.filter((s) => s.status === 'rejected').length).toBeGreaterThan(0);
  });

  test('stream() yields the whole answer', async () => {
    await refilled();
    let text = '';
    for await (const part of await chat(mock.url, staunchFetch()).stream(PROMPT)) text += String(part.content);
    expect(text.length).toBeGreaterThan(10);
  });

  test('a stream that breaks before its first token is retried', async () => {
    // biome-ignore lint/suspicious/noThenProperty: the fault server's SseStep field; a string is never thenable.
    const broken: SseStep = { events: [], then: 'reset' };
    faults.script('lc-before', [{ sse: broken }, { sse: { events: WHOLE_STREAM } }]);
    let text = '';
    for await (const part of await chat(`${faults.url}/s/lc-before`, staunchFetch()).stream(PROMPT)) {
      text += String(part.content);
    }
    expect(text).toBe('Hello there.');
    expect(faults.arrivals('lc-before')).toBe(2);
  });

  test('a stream that breaks after its first token rejects with the StreamError, not retried', async () => {
    // biome-ignore lint/suspicious/noThenProperty: the fault server's SseStep field; a string is never thenable.
    const broken: SseStep = { events: [chunk('Hello ')], then: 'reset' };
    faults.script('lc-after', [{ sse: broken }, { sse: { events: WHOLE_STREAM } }]);
    let text = '';
    const failure = await (async () => {
      for await (const part of await chat(`${faults.url}/s/lc-after`, staunchFetch()).stream(PROMPT)) {
        text += String(part.content);
      }
    })().catch((error: unknown) => error);
    expect(text).toBe('Hello ');
    const chain: unknown[] = [];
    for (let e: unknown = failure; e !== undefined && chain.length < 5; e = (e as { cause?: unknown }).cause)
      chain.push(e);
    expect(chain.some(isStreamError), `rejected with ${String(failure)}`).toBe(true);
    expect(faults.arrivals('lc-after')).toBe(1);
  });
});
