import { isConfigError } from '@staunch/core';
import { expect, test } from 'vitest';
import { createFetch } from '../src/index.js';

function configError(make: () => unknown): { field: string; message: string } {
  try {
    make();
  } catch (error) {
    if (isConfigError(error)) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

test('a misspelt option is a ConfigError naming it and the nearest known option', () => {
  const error = configError(() => createFetch({ polcy: 'openai' } as never));
  expect(error.field).toBe('polcy');
  expect(error.message).toMatch(
    /^polcy: unknown option of createFetch\(\)\. Did you mean `policy`\? Known options here: /,
  );
  expect(configError(() => createFetch({ throwHTTPErrors: true } as never)).message).toMatch(
    /Did you mean `throwHttpErrors`\?/,
  );
  expect(configError(() => createFetch({ host: {} } as never)).message).toMatch(/Did you mean `hosts`\?/);
  // Far from every name: no guess, the list alone.
  expect(configError(() => createFetch({ colourScheme: 'dark' } as never)).message).not.toMatch(/Did you mean/);
});

test('a misspelt preset name, or a policy field, names the nearest one too', () => {
  expect(configError(() => createFetch({ policy: 'antropic' })).message).toMatch(
    /^policy: unknown preset "antropic"\. Did you mean `anthropic`\?/,
  );
  expect(configError(() => createFetch({ policy: { extends: 'togehter' } })).message).toMatch(
    /^extends: unknown preset "togehter"\. Did you mean `together`\?/,
  );
  expect(configError(() => createFetch({ policy: { maxAttempt: 3 } as never })).message).toMatch(
    /^maxAttempt: unknown option\. Did you mean `maxAttempts`\?/,
  );
  expect(
    configError(() => createFetch({ policy: { rules: { '429': { action: 'retry', maxAtempts: 2 } } } as never })).field,
  ).toBe('rules["429"].maxAtempts');
});

test('every documented option is accepted', () => {
  expect(() =>
    createFetch({
      policy: undefined,
      hosts: { 'llm.internal.example': 'openai' },
      throttle: false,
      retryGate: false,
      fetch: globalThis.fetch,
      throwHttpErrors: true,
      idempotencyKeyHeader: 'Idempotency-Key',
      idleTimeoutMs: 1000,
    }),
  ).not.toThrow();
});
