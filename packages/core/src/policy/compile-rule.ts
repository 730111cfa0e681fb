import type { BackoffOptions } from '../backoff/backoff.js';
import { ConfigError } from '../errors/config-error.js';
import { compileBackoff } from './compile-backoff.js';
import { REASONS } from './reason.js';
import { parseRuleKey, type RuleKey } from './rule-key.js';
import type { Action, Rule } from './types.js';
import { rejectUnknownKeys, requireInteger, requireObject, requireOneOf, show } from './validate.js';

/** The most attempts any policy or rule may allow. */
export const MAX_MAX_ATTEMPTS = 100;
const RULE_KEYS = ['action', 'reason', 'hint', 'maxAttempts', 'backoff', 'honorRetryAfter', 'failover'];
const RETRY_ONLY_KEYS = ['maxAttempts', 'backoff', 'honorRetryAfter'] as const;

export function compileRule(key: string, value: unknown, backoff: BackoffOptions, maxAttempts: number): Rule {
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
  if (rule.failover !== undefined && typeof rule.failover !== 'boolean') {
    throw new ConfigError(
      `${field}.failover`,
      `expected true or false, got ${show(rule.failover)}. true moves a chain of targets on to the next one after this outcome; false never does.`,
    );
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
    ...(rule.failover === undefined ? {} : { failover: rule.failover as boolean }),
  });
}

function defaultReason(key: RuleKey, action: Action) {
  if (key.kind !== 'status') return key.kind;
  if (key.from === 429) return 'rate-limit';
  if (key.from >= 500) return 'server-error';
  return action === 'retry' ? 'unknown' : 'client-error';
}
