import { describe, expect, it } from 'vitest';
import { policyCache } from './policy-cache.js';

describe('policyCache', () => {
  it('resolves a name once and an object once per identity', () => {
    const seen: unknown[] = [];
    const resolve = policyCache((option: string | object) => {
      seen.push(option);
      return { from: option };
    });
    const input = { maxAttempts: 2 };
    expect(resolve('openai')).toBe(resolve('openai'));
    expect(resolve(input)).toBe(resolve(input));
    // An equal but distinct literal is another identity, so it is resolved again.
    expect(resolve({ maxAttempts: 2 })).not.toBe(resolve(input));
    expect(seen).toEqual(['openai', input, { maxAttempts: 2 }]);
  });
});
