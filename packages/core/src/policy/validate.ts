import { ConfigError } from '../errors/config-error.js';
import { MAX_TIMER_MS } from '../runtime/clock.js';
import { didYouMean } from './nearest-name.js';

/** Formats a value for an error message without ever throwing (BigInt, cycles, symbols). */
export function show(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (value === undefined || value === null || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

export function requireInteger(field: string, value: unknown, min: number, max: number, fix: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(field, `expected an integer from ${min} to ${max}, got ${show(value)}. ${fix}`);
  }
  return value;
}

/** The upper bound is the longest timer JavaScript supports, so no configured wait ever overflows one. */
export function requireMs(field: string, value: unknown, fix: string, min = 0, max = MAX_TIMER_MS): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new ConfigError(field, `expected a number of milliseconds from ${min} to ${max}, got ${show(value)}. ${fix}`);
  }
  return value;
}

export function requireOneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(field, `expected one of ${allowed.map((a) => `"${a}"`).join(', ')}, got ${show(value)}.`);
  }
  return value as T;
}

export function requireObject(field: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(field, `expected an object, got ${show(value)}.`);
  }
  return value as Record<string, unknown>;
}

/**
 * Rejects the first key of `value` that is not in `known`, naming it and the nearest known one
 * (`polcy` → "did you mean `policy`?"). `where` says whose option it is, e.g. `createFetch()`.
 */
export function rejectUnknownKeys(
  field: string,
  value: Readonly<Record<string, unknown>>,
  known: readonly string[],
  where?: string,
): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      throw new ConfigError(
        field === '' ? key : `${field}.${key}`,
        `unknown option${where === undefined ? '' : ` of ${where}`}.${didYouMean(key, known)} Known options here: ${known.join(', ')}.`,
      );
    }
  }
}
