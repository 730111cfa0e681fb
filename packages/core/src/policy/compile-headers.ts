import { ConfigError } from '../errors/config-error.js';
import { RESET_FORMATS } from '../retry-after/parse-reset.js';
import type { RateLimitHeaderSpec } from '../retry-after/rate-limit-headers.js';
import { rejectUnknownKeys, requireMs, requireObject, requireOneOf, show } from './validate.js';

const SPEC_KEYS = ['unit', 'windowSeconds', 'limit', 'remaining', 'reset', 'resetFormat'];

export function compileSpecs(raw: unknown): readonly RateLimitHeaderSpec[] {
  if (!Array.isArray(raw)) throw new ConfigError('rateLimitHeaders', `expected an array, got ${show(raw)}.`);
  return Object.freeze(
    raw.map((entry, index) => {
      const field = `rateLimitHeaders[${index}]`;
      const spec = requireObject(field, entry);
      rejectUnknownKeys(field, spec, SPEC_KEYS);
      requireOneOf(`${field}.unit`, spec.unit, ['requests', 'tokens'] as const);
      for (const name of ['limit', 'remaining', 'reset'] as const) {
        if (spec[name] !== undefined && (typeof spec[name] !== 'string' || spec[name] === '')) {
          throw new ConfigError(`${field}.${name}`, `expected a header name, got ${show(spec[name])}.`);
        }
      }
      if (spec.reset !== undefined) requireOneOf(`${field}.resetFormat`, spec.resetFormat, RESET_FORMATS);
      if (spec.windowSeconds !== undefined)
        requireMs(`${field}.windowSeconds`, spec.windowSeconds, 'Use 60 for a per-minute limit.', 0.001);
      return Object.freeze({ ...spec }) as unknown as RateLimitHeaderSpec;
    }),
  );
}

export function compilePaths(raw: unknown): readonly string[] {
  if (
    !Array.isArray(raw) ||
    raw.some(
      (path) => typeof path !== 'string' || !/^[A-Za-z0-9_$@]+(?:\[\])?(\.[A-Za-z0-9_$@]+(?:\[\])?)*$/.test(path),
    )
  ) {
    throw new ConfigError(
      'errorCodePaths',
      `expected an array of dotted paths such as "error.code" or "error.details[].reason", got ${show(raw)}.`,
    );
  }
  return Object.freeze([...raw]);
}
