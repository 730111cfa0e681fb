import { createFetch } from '@staunch/fetch';

/** Every call on one key: the mock provider limits per key. */
export const API_KEY = 'sk-staunch-sdk-tests';
export const MODEL = 'mock-model';
export const PROMPT = 'Say something the mock provider will say back.';

/**
 * Staunch's fetch as an app would hand it to an SDK, with the OpenAI preset. The throttle and
 * gate are off so a test's attempt counts are the policy's alone; short backoff keeps it quick.
 */
export const staunchFetch = () =>
  createFetch({
    policy: { extends: 'openai', backoff: { baseMs: 1, capMs: 20 } },
    throttle: false,
    retryGate: false,
  });

/** One `chat.completion.chunk` as OpenAI streams it. */
export function chunk(content: string | undefined, finish: string | null = null): string {
  const delta = content === undefined ? {} : { content };
  return JSON.stringify({
    id: 'chatcmpl-sdk-tests',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: MODEL,
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
}

/** A whole streamed answer: "Hello there." in two chunks and a stop. */
export const WHOLE_STREAM = [chunk('Hello '), chunk('there.'), chunk(undefined, 'stop')];
