import { createOpenAI } from '@ai-sdk/openai';
import { isStreamError } from '@staunch/core';
import {
  type FaultServer,
  type MockProvider,
  type SseStep,
  startFaultServer,
  startMockProvider,
} from '@staunch/testing';
import { generateText, streamText } from 'ai';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { API_KEY, chunk, MODEL, PROMPT, staunchFetch, WHOLE_STREAM } from './support.js';

// The AI SDK for real: `ai` with `@ai-sdk/openai` (its chat-completions model), Staunch's fetch,
// the SDK's own retries off (`maxRetries: 0`), as docs/adapters.md advises.
let mock: MockProvider;
let faults: FaultServer;
beforeAll(async () => {
  [mock, faults] = await Promise.all([
    // One request per 200 ms per key, no burst: three at once means two 429s with retry-after-ms.
    startMockProvider({ rate: 5, burst: 1, hint: 'retry-after-ms' }),
    startFaultServer(),
  ]);
});
afterAll(() => Promise.all([mock.close(), faults.close()]));

const provider = (baseURL: string, fetch?: typeof globalThis.fetch) =>
  createOpenAI({ baseURL: `${baseURL}/v1`, apiKey: API_KEY, ...(fetch === undefined ? {} : { fetch }) });

describe('generateText', () => {
  test('a burst past the rate limit: every call succeeds, Staunch waiting out the 429s', async () => {
    const model = provider(mock.url, staunchFetch()).chat(MODEL);
    const before = mock.stats();
    const results = await Promise.all(
      Array.from({ length: 3 }, () => generateText({ model, prompt: PROMPT, maxRetries: 0 })),
    );
    const texts = new Set(results.map((r) => r.text));
    expect(texts.size).toBe(1);
    expect([...texts][0]).toMatch(/mock provider|canned|Deterministic|always the same/);
    expect(mock.stats().rateLimited - before.rateLimited).toBeGreaterThan(0);
  });

  test('the same burst without Staunch fails (the control)', async () => {
    await new Promise((resolve) => setTimeout(resolve, 400)); // a full bucket again
    const model = provider(mock.url).chat(MODEL);
    const calls = Array.from({ length: 3 }, () => generateText({ model, prompt: PROMPT, maxRetries: 0 }));
    const settled = await Promise.allSettled(calls);
    expect(settled.filter((s) => s.status === 'rejected').length).toBeGreaterThan(0);
  });
});

describe('streamText', () => {
  test('streams the answer through Staunch', async () => {
    await new Promise((resolve) => setTimeout(resolve, 400));
    const result = streamText({ model: provider(mock.url, staunchFetch()).chat(MODEL), prompt: PROMPT, maxRetries: 0 });
    let text = '';
    for await (const part of result.textStream) text += part;
    expect(text).toBe(await result.text);
    expect(text.length).toBeGreaterThan(10);
  });

  test('a stream that breaks before its first token is retried and the answer is whole', async () => {
    // biome-ignore lint/suspicious/noThenProperty: the fault server's SseStep field; a string is never thenable.
    const broken: SseStep = { events: [], then: 'reset' };
    faults.script('before-first-token', [{ sse: broken }, { sse: { events: WHOLE_STREAM } }]);
    const result = streamText({
      model: provider(`${faults.url}/s/before-first-token`, staunchFetch()).chat(MODEL),
      prompt: PROMPT,
      maxRetries: 0,
    });
    let text = '';
    for await (const part of result.textStream) text += part;
    expect(text).toBe('Hello there.');
    expect(faults.arrivals('before-first-token')).toBe(2);
  });

  test('a stream that breaks after its first token is not retried: the SDK sees a StreamError', async () => {
    // biome-ignore lint/suspicious/noThenProperty: the fault server's SseStep field; a string is never thenable.
    const broken: SseStep = { events: [chunk('Hello ')], then: 'reset' };
    faults.script('after-first-token', [{ sse: broken }, { sse: { events: WHOLE_STREAM } }]);
    const errors: unknown[] = [];
    const result = streamText({
      model: provider(`${faults.url}/s/after-first-token`, staunchFetch()).chat(MODEL),
      prompt: PROMPT,
      maxRetries: 0,
      onError: ({ error }) => {
        errors.push(error);
      },
    });
    let text = '';
    try {
      for await (const part of result.fullStream) if (part.type === 'text-delta') text += part.text;
    } catch (error) {
      // The SDK rethrows the body's failure as an APICallError whose cause is Staunch's StreamError.
      errors.push(error);
    }
    expect(text).toBe('Hello ');
    const streamError = errors.find((e) => isStreamError(e) || isStreamError((e as { cause?: unknown }).cause));
    expect(streamError, `errors seen: ${errors.map(String).join('; ')}`).toBeDefined();
    expect(faults.arrivals('after-first-token')).toBe(1);
  });

  test("the mock provider's in-band error after the first chunk ends the stream, never retried", async () => {
    const erring = await startMockProvider({ rate: 100, faults: { streamErrorRate: 1 } });
    try {
      const errors: unknown[] = [];
      const result = streamText({
        model: provider(erring.url, staunchFetch()).chat(MODEL),
        prompt: PROMPT,
        maxRetries: 0,
        onError: ({ error }) => {
          errors.push(error);
        },
      });
      for await (const _part of result.fullStream) {
        // drain
      }
      expect(errors.length).toBeGreaterThan(0);
      expect(erring.stats().arrivals).toBe(1);
    } finally {
      await erring.close();
    }
  });
});
