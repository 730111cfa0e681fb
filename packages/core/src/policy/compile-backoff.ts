import type { BackoffOptions } from '../backoff/backoff.js';
import { JITTER_MODES } from '../backoff/backoff.js';
import { ConfigError } from '../errors/config-error.js';
import type { BackoffOptionsInput } from './types.js';
import { rejectUnknownKeys, requireMs, requireObject, requireOneOf } from './validate.js';

const BACKOFF_KEYS = ['jitter', 'baseMs', 'capMs'];

/**
 * A backoff over its parent's. `capMs` below `baseMs` written side by side in one object is a
 * contradiction and is rejected; otherwise the value written here wins over the inherited one.
 * For a rule, the policy's `capMs` is a ceiling: no rule waits longer, so
 * `{ extends: '4allapi', backoff: { capMs: 5 } }` also bounds the preset's 2 s rules.
 */
export function compileBackoff(field: string, raw: unknown, base: BackoffOptions, ceilingMs?: number): BackoffOptions {
  const value = requireObject(field, raw) as Partial<BackoffOptionsInput>;
  rejectUnknownKeys(field, value as Record<string, unknown>, BACKOFF_KEYS);
  const jitter = requireOneOf(`${field}.jitter`, value.jitter ?? base.jitter, JITTER_MODES);
  let baseMs = requireMs(`${field}.baseMs`, value.baseMs ?? base.baseMs, 'A typical value is 500.');
  let capMs = requireMs(`${field}.capMs`, value.capMs ?? base.capMs, 'A typical value is 20000.');
  if (capMs < baseMs) {
    if (value.baseMs !== undefined && value.capMs !== undefined) {
      throw new ConfigError(
        `${field}.capMs`,
        `the cap (${capMs} ms) is below the base (${baseMs} ms): raise capMs or lower baseMs.`,
      );
    }
    if (value.capMs !== undefined) baseMs = capMs;
    else capMs = baseMs;
  }
  if (ceilingMs !== undefined) capMs = Math.min(capMs, ceilingMs);
  return Object.freeze({ jitter, baseMs: Math.min(baseMs, capMs), capMs });
}
