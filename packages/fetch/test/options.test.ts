import { isConfigError } from '@staunch/core';
import { expect, test } from 'vitest';
import { createFetch } from '../src/index.js';

// A bad idle limit fails when the fetch is built, not in the middle of someone's stream.
test('idleTimeoutMs is validated by createFetch, naming the field', () => {
  const error = (() => {
    try {
      createFetch({ idleTimeoutMs: -5 });
    } catch (e) {
      return e;
    }
  })();
  expect(isConfigError(error) && error.field).toBe('idleTimeoutMs');
  expect(() => createFetch({ idleTimeoutMs: 120_000 })).not.toThrow();
});
