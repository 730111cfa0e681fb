import { afterEach, describe, expect, it } from 'vitest';
import { isConfigError } from '../errors/config-error.js';
import { definePolicy } from './define-policy.js';

// A policy is often JSON from a file. JSON.parse makes `__proto__` an own key; merging such an
// object carelessly would pollute Object.prototype for the whole process.
const TEXTS = [
  '{"__proto__": {"polluted": true}}',
  '{"constructor": {"prototype": {"polluted": true}}}',
  '{"rules": {"__proto__": {"polluted": true}}}',
  '{"rules": {"constructor": "retry"}}',
  '{"rules": {"429": {"action": "retry", "__proto__": {"polluted": true}}}}',
  '{"backoff": {"__proto__": {"polluted": true}}}',
  '{"rateLimitHeaders": [{"unit": "requests", "__proto__": {"polluted": true}}]}',
];

describe('policy JSON with prototype keys', () => {
  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>).polluted;
  });

  it.each(TEXTS)('%s is rejected and Object.prototype stays clean', (text) => {
    let error: unknown;
    try {
      definePolicy(JSON.parse(text));
    } catch (caught) {
      error = caught;
    }
    expect(isConfigError(error)).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
  });
});
