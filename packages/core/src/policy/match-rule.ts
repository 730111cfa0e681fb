import { parseRuleKey, type RuleKey } from './rule-key.js';
import type { Policy, Rule } from './types.js';

/** What happened on one attempt, as far as classification cares. */
export type OutcomeKey =
  | { readonly kind: 'status'; readonly status: number; readonly codes: readonly string[] }
  | { readonly kind: 'network' }
  | { readonly kind: 'timeout' };

/** Used when no rule of the policy matches: unknown 4xx fail, unknown 5xx, network and timeouts retry. */
export function fallbackRule(policy: Policy, outcome: OutcomeKey): Rule {
  const retry = outcome.kind !== 'status' || outcome.status >= 500;
  const reason = outcome.kind === 'status' ? (retry ? 'server-error' : 'client-error') : outcome.kind;
  return {
    key: outcome.kind === 'status' ? String(outcome.status) : outcome.kind,
    action: retry ? 'retry' : 'fail',
    reason,
    hint: undefined,
    maxAttempts: policy.maxAttempts,
    backoff: policy.backoff,
    honorRetryAfter: true,
  };
}

const compiled = new WeakMap<Policy, ReadonlyArray<[RuleKey, Rule]>>();

function entries(policy: Policy): ReadonlyArray<[RuleKey, Rule]> {
  let list = compiled.get(policy);
  if (list === undefined) {
    list = Object.values(policy.rules).map((rule) => [parseRuleKey(rule.key) as RuleKey, rule]);
    compiled.set(policy, list);
  }
  return list;
}

/**
 * The most specific rule for an outcome. For a status: a rule with a matching provider code
 * beats one without; then an exact status beats a range, and a narrower range beats a wider
 * one. Among codes, the order of the policy's `errorCodePaths` decides. Total: falls back to
 * {@link fallbackRule}.
 */
export function matchRule(policy: Policy, outcome: OutcomeKey): Rule {
  if (outcome.kind !== 'status') return policy.rules[outcome.kind] ?? fallbackRule(policy, outcome);
  const { status } = outcome;
  let best: Rule | undefined;
  let bestScore = -1;
  for (const [key, rule] of entries(policy)) {
    if (key.kind !== 'status' || status < key.from || status > key.to) continue;
    let codeRank = 0;
    if (key.code !== undefined) {
      const index = outcome.codes.indexOf(key.code);
      if (index === -1) continue;
      codeRank = 1000 - Math.min(index, 999);
    }
    // code match ≫ narrowness of the status span.
    const score = codeRank * 1000 + (1000 - (key.to - key.from));
    if (score > bestScore) {
      best = rule;
      bestScore = score;
    }
  }
  return best ?? fallbackRule(policy, outcome);
}
