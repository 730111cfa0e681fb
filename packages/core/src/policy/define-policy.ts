import { type BackoffOptions, DEFAULT_BACKOFF, JITTER_MODES } from '../backoff/backoff.js';
import { ConfigError } from '../errors/config-error.js';
import { RESET_FORMATS } from '../retry-after/parse-reset.js';
import type { RateLimitHeaderSpec } from '../retry-after/rate-limit-headers.js';
import { DEFAULT_POLICY_INPUT } from './default-policy.js';
import { REASONS } from './reason.js';
import { canonicalKey, parseRuleKey, type RuleKey } from './rule-key.js';
import type { Action, BackoffOptionsInput, Policy, PolicyInput, Rule, RuleInput } from './types.js';
import { rejectUnknownKeys, requireInteger, requireMs, requireObject, requireOneOf, show } from './validate.js';

export const DEFAULT_MAX_ATTEMPTS = 5;
export const MAX_MAX_ATTEMPTS = 100;
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
const POLICY_KEYS = [
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
const RULE_KEYS = ['action', 'reason', 'hint', 'maxAttempts', 'backoff', 'honorRetryAfter'];
const RETRY_ONLY_KEYS = ['maxAttempts', 'backoff', 'honorRetryAfter'] as const;
const BACKOFF_KEYS = ['jitter', 'baseMs', 'capMs'];
const SPEC_KEYS = ['unit', 'windowSeconds', 'limit', 'remaining', 'reset', 'resetFormat'];

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

/**
 * A backoff over its parent's. `capMs` below `baseMs` written side by side in one object is a
 * contradiction and is rejected; otherwise the value written here wins over the inherited one.
 * For a rule, the policy's `capMs` is a ceiling: no rule waits longer, so
 * `{ extends: '4allapi', backoff: { capMs: 5 } }` also bounds the preset's 2 s rules.
 */
function compileBackoff(field: string, raw: unknown, base: BackoffOptions, ceilingMs?: number): BackoffOptions {
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

function compileRule(key: string, value: unknown, backoff: BackoffOptions, maxAttempts: number): Rule {
  const field = `rules[${JSON.stringify(key)}]`;
  const rule: Record<string, unknown> = typeof value === 'string' ? { action: value } : requireObject(field, value);
  rejectUnknownKeys(field, rule, RULE_KEYS);
  const action = requireOneOf(`${field}.action`, rule.action, ['retry', 'fail'] as const);
  if (action === 'fail') {
    for (const option of RETRY_ONLY_KEYS) {
      if (rule[option] !== undefined) {
        throw new ConfigError(
          `${field}.${option}`,
          `only applies to "retry" rules, but this rule fails fast: remove ${option} or change the action.`,
        );
      }
    }
  }
  const parsed = parseRuleKey(key) as RuleKey;
  const reason = requireOneOf(`${field}.reason`, rule.reason ?? defaultReason(parsed, action), REASONS);
  if (rule.hint !== undefined && (typeof rule.hint !== 'string' || rule.hint.length > 500)) {
    throw new ConfigError(`${field}.hint`, `expected a string of at most 500 characters, got ${show(rule.hint)}.`);
  }
  const ruleAttempts = requireInteger(
    `${field}.maxAttempts`,
    rule.maxAttempts ?? maxAttempts,
    1,
    MAX_MAX_ATTEMPTS,
    'It counts the first attempt: 2 means "retry at most once".',
  );
  if (rule.honorRetryAfter !== undefined && typeof rule.honorRetryAfter !== 'boolean') {
    throw new ConfigError(`${field}.honorRetryAfter`, `expected true or false, got ${show(rule.honorRetryAfter)}.`);
  }
  return Object.freeze({
    key,
    action,
    reason,
    hint: rule.hint as string | undefined,
    maxAttempts: Math.min(ruleAttempts, maxAttempts),
    backoff:
      rule.backoff === undefined ? backoff : compileBackoff(`${field}.backoff`, rule.backoff, backoff, backoff.capMs),
    honorRetryAfter: (rule.honorRetryAfter as boolean | undefined) ?? true,
  });
}

function defaultReason(key: RuleKey, action: Action) {
  if (key.kind !== 'status') return key.kind;
  if (key.from === 429) return 'rate-limit';
  if (key.from >= 500) return 'server-error';
  return action === 'retry' ? 'unknown' : 'client-error';
}

/**
 * Two status rules with the same code condition that share statuses must nest (the narrower
 * wins, as "520-524" inside "5xx"); a partial overlap ("500-520" and "510-530") has no
 * most-specific rule, so it is rejected.
 */
function rejectPartialOverlaps(keys: ReadonlyArray<[string, RuleKey]>): void {
  const ranges = keys.filter((entry): entry is [string, Extract<RuleKey, { kind: 'status' }>] => {
    const key = entry[1];
    return key.kind === 'status' && !key.exact;
  });
  for (let i = 0; i < ranges.length; i++) {
    for (let j = i + 1; j < ranges.length; j++) {
      const [nameA, a] = ranges[i] as [string, Extract<RuleKey, { kind: 'status' }>];
      const [nameB, b] = ranges[j] as [string, Extract<RuleKey, { kind: 'status' }>];
      if (a.code !== b.code) continue;
      const intersect = a.from <= b.to && b.from <= a.to;
      const nested = (a.from <= b.from && b.to <= a.to) || (b.from <= a.from && a.to <= b.to);
      const same = a.from === b.from && a.to === b.to;
      if (intersect && (!nested || same)) {
        throw new ConfigError(
          `rules[${JSON.stringify(nameB)}]`,
          `overlaps rules[${JSON.stringify(nameA)}] without either containing the other, so no rule is the most specific: split the ranges so they nest or do not touch.`,
        );
      }
    }
  }
}

function compileSpecs(raw: unknown): readonly RateLimitHeaderSpec[] {
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

function compilePaths(raw: unknown): readonly string[] {
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
