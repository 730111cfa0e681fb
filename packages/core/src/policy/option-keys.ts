import { rejectUnknownKeys, requireObject } from './validate.js';

/**
 * Every option name of `T`, as a record the compiler checks: a name added to the type and
 * missing here (or misspelt) fails the build, so the strict check below never lags the type.
 */
export type OptionKeys<T> = { readonly [K in keyof Required<T>]: true };

/**
 * Rejects an options object with a name `keys` does not list, with a `ConfigError` naming it
 * and the nearest known one (`polcy` → "did you mean `policy`?"). `where` is the function, e.g.
 * `createFetch()`. A typo would otherwise be ignored and its setting silently lost.
 */
export function rejectUnknownOptions(where: string, options: unknown, keys: object): void {
  if (options === undefined) return;
  rejectUnknownKeys('', requireObject(where, options), Object.keys(keys), where);
}
