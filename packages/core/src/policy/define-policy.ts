import { DEFAULT_BACKOFF } from '../backoff/backoff.js';
import { ConfigError } from '../errors/config-error.js';
import { compileBackoff } from './compile-backoff.js';
import { compilePaths, compileSpecs } from './compile-headers.js';
import { compileRule, MAX_MAX_ATTEMPTS } from './compile-rule.js';
import { DEFAULT_POLICY_INPUT } from './default-policy.js';
import { canonicalKey, parseRuleKey, type RuleKey } from './rule-key.js';
import { rejectPartialOverlaps } from './rule-overlaps.js';
import type { Action, Policy, PolicyInput, Rule, RuleInput } from './types.js';
import { rejectUnknownKeys, requireInteger, requireMs, requireObject, show } from './validate.js';

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;
export const DEFAULT_ERROR_CODE_PATHS: readonly string[] = [
  'error.code',
  'error.type',
  'error_type',
  'error.metadata.error_type',
  'code',
  'type',
  'error.status',
];

const POLICY_BRAND = Symbol.for('staunch.policy');
/** The fields a policy input may have (strictly checked). */
export const POLICY_KEYS: readonly string[] = [
  'name',
  'extends',
  'rules',
  'maxAttempts',
  'backoff',
  'maxRetryAfterMs',
  'attemptTimeoutMs',
  'timeoutMs',
  'rateLimitHeaders',
  'errorCodePaths',
  'shouldRetryHeader',
  '$schema',
];

export interface DefinePolicyOptions {
  /** Resolves `extends: "<name>"` to another policy input (presets pass their registry here). */
  readonly resolvePreset?: (name: string) => PolicyInput | undefined;
}

/** True for a policy built by `definePolicy()` of any Staunch copy. */
export function isPolicy(value: unknown): value is Policy {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[POLICY_BRAND] === true;
}

/**
 * Validates a policy and resolves what it extends. Every problem is a `ConfigError` naming the
 * field, the bad value and the fix, raised here rather than in the middle of a call.
 */
export function definePolicy(input: PolicyInput | Policy = {}, options: DefinePolicyOptions = {}): Policy {
  if (isPolicy(input)) return input;
  const flat = flatten(input, options, []);
  return compile(flat);
}

/** Follows `extends` and merges: rules key by key (after canonicalising), settings by override. */
function flatten(input: PolicyInput, options: DefinePolicyOptions, seen: string[]): PolicyInput {
  const raw = requireObject('policy', input);
  rejectUnknownKeys('', raw, POLICY_KEYS);
  const parent = input.extends ?? 'default';
  if (typeof parent !== 'string') throw new ConfigError('extends', `expected a policy name, got ${show(parent)}.`);
  if (seen.includes(parent)) {
    throw new ConfigError('extends', `policies extend each other in a circle (${[...seen, parent].join(' → ')}).`);
  }
  let base: PolicyInput;
  if (parent === 'none') base = {};
  else if (parent === 'default') base = flatten(DEFAULT_POLICY_INPUT, options, [...seen, parent]);
  else {
    const found = options.resolvePreset?.(parent);
    if (found === undefined) {
      throw new ConfigError(
        'extends',
        `unknown policy ${show(parent)}. Use "default", "none"${options.resolvePreset ? ' or a preset name' : ', or resolve preset names with resolvePolicy() from @staunch/presets'}.`,
      );
    }
    base = flatten(found, options, [...seen, parent]);
  }
  const rules: Record<string, Action | RuleInput> = Object.create(null);
  const owners: Record<string, string> = Object.create(null);
  for (const [key, rule] of Object.entries(base.rules ?? {})) rules[canonical(key)] = rule;
  const ownRules = input.rules === undefined ? {} : requireObject('rules', input.rules);
  for (const [key, rule] of Object.entries(ownRules)) {
    const name = canonical(key);
    if (owners[name] !== undefined) {
      throw new ConfigError(
        `rules[${JSON.stringify(key)}]`,
        `duplicates rules[${JSON.stringify(owners[name])}]: keep one of them.`,
      );
    }
    owners[name] = key;
    rules[name] = rule as Action | RuleInput;
  }
  const merged: Record<string, unknown> = { ...base, ...stripUndefined(raw), rules };
  merged.backoff = { ...(base.backoff ?? {}), ...((raw.backoff as object | undefined) ?? {}) };
  merged.extends = 'none';
  return merged as PolicyInput;
}

function canonical(key: string): string {
  const parsed = parseRuleKey(key);
  if (typeof parsed === 'string') throw new ConfigError(`rules[${JSON.stringify(key)}]`, `not a rule key: ${parsed}.`);
  return canonicalKey(parsed);
}

function stripUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

function compile(input: PolicyInput): Policy {
  const maxAttempts = requireInteger(
    'maxAttempts',
    input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    1,
    MAX_MAX_ATTEMPTS,
    'It counts the first attempt: use 1 to never retry.',
  );
  const backoff = compileBackoff('backoff', input.backoff ?? {}, DEFAULT_BACKOFF);
  const maxRetryAfterMs = requireMs(
    'maxRetryAfterMs',
    input.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS,
    'Use 0 to never wait for a server-requested delay.',
  );
  const attemptTimeoutMs = optionalMs('attemptTimeoutMs', input.attemptTimeoutMs);
  const timeoutMs = optionalMs('timeoutMs', input.timeoutMs);
  const rateLimitHeaders = compileSpecs(input.rateLimitHeaders ?? []);
  const errorCodePaths = compilePaths(input.errorCodePaths ?? DEFAULT_ERROR_CODE_PATHS);
  const shouldRetryHeader = input.shouldRetryHeader ?? false;
  if (typeof shouldRetryHeader !== 'boolean') {
    throw new ConfigError('shouldRetryHeader', `expected true or false, got ${show(shouldRetryHeader)}.`);
  }
  const rules: Record<string, Rule> = Object.create(null);
  const parsedKeys: Array<[string, RuleKey]> = [];
  for (const [key, value] of Object.entries(input.rules ?? {})) {
    const parsed = parseRuleKey(key) as RuleKey;
    parsedKeys.push([key, parsed]);
    rules[key] = compileRule(key, value, backoff, maxAttempts);
  }
  rejectPartialOverlaps(parsedKeys);
  const policy: Policy = {
    name: typeof input.name === 'string' && input.name.length > 0 ? input.name : 'custom',
    maxAttempts,
    backoff,
    maxRetryAfterMs,
    attemptTimeoutMs,
    timeoutMs,
    rateLimitHeaders,
    errorCodePaths,
    shouldRetryHeader,
    rules: Object.freeze(rules),
    source: Object.freeze({ ...input, extends: 'none' }),
  };
  Object.defineProperty(policy, POLICY_BRAND, { value: true });
  return Object.freeze(policy);
}

function optionalMs(field: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  return requireMs(field, value, 'Leave it out for no limit.', 1);
}
