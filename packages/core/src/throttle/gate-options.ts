import { ConfigError } from '../errors/config-error.js';
import { rejectUnknownKeys, requireObject, show } from '../policy/validate.js';

/**
 * Checks an opt-in gate's options object: an object (or nothing) with no unknown keys, so a
 * misspelt option fails when the gate is built instead of being ignored.
 */
export function gateOptions(field: string, value: unknown, known: readonly string[]): Record<string, unknown> {
  if (value === undefined) return {};
  const options = requireObject(field, value);
  rejectUnknownKeys(field, options, known);
  return options;
}

/** A finite number in `[min, max]`, or above `min` when `aboveMin` is set. */
export function requireNumber(
  field: string,
  value: unknown,
  range: { readonly min: number; readonly max: number; readonly aboveMin?: boolean },
  fix: string,
): number {
  const { min, max, aboveMin = false } = range;
  const low = typeof value === 'number' && (aboveMin ? value > min : value >= min);
  if (typeof value !== 'number' || !Number.isFinite(value) || !low || value > max) {
    const from = aboveMin ? `above ${min}` : `from ${min}`;
    throw new ConfigError(field, `expected a number ${from} and at most ${max}, got ${show(value)}. ${fix}`);
  }
  return value;
}
