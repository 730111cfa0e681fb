import { readErrorBody } from '@staunch/core';
import { afterEach, expect, test } from 'vitest';
import { type MockProvider, type MockProviderOptions, startMockProvider } from '../../src/index.js';
import { chat } from '../support/chat.js';

const open: MockProvider[] = [];
async function provider(options: MockProviderOptions = {}): Promise<MockProvider> {
  const started = await startMockProvider(options);
  open.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((p) => p.close()));
});

const events = (text: string) => text.split('\n\n').filter((e) => e.length > 0);

test('a stream is data: chunks ending in [DONE], and carries the same text as the plain answer', async () => {
  const mock = await provider();
  const streamed = await chat(mock.url, { stream: true, content: 'same prompt' });
  const plain = await chat(mock.url, { content: 'same prompt' });
  expect(streamed.headers.get('content-type')).toBe('text/event-stream');
  const all = events(streamed.text);
  expect(all.at(-1)).toBe('data: [DONE]');
  const chunks = all.slice(0, -1).map((e) => {
    expect(e.startsWith('data: ')).toBe(true);
    return JSON.parse(e.slice('data: '.length));
  });
  expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
  expect(chunks.at(-1).choices[0].finish_reason).toBe('stop');
  const text = chunks.map((c) => c.choices[0].delta.content ?? '').join('');
  expect(text).toBe(JSON.parse(plain.text).choices[0].message.content);
});

test('an in-band error follows the first chunk, without [DONE] (OpenAI framing)', async () => {
  const mock = await provider({ faults: { streamErrorRate: 1 } });
  const all = events((await chat(mock.url, { stream: true })).text);
  expect(all).toHaveLength(2);
  expect(readErrorBody(all[1]?.slice('data: '.length), ['error.type']).codes).toEqual(['server_error']);
});

test('anthropic style names the error event', async () => {
  const mock = await provider({ faults: { streamErrorRate: 1 }, errorStyle: 'anthropic' });
  const last = events((await chat(mock.url, { stream: true })).text).at(-1) ?? '';
  expect(last.split('\n')[0]).toBe('event: error');
  expect(readErrorBody(last.split('\n')[1]?.slice('data: '.length), ['error.type']).codes).toEqual([
    'overloaded_error',
  ]);
});
