import { parseRuleKey, type RuleKey } from './rule-key.js';
import type { Policy, Rule } from './types.js';

/** What happened on one attempt, as far as classification cares. */
export type OutcomeKey =
  | {
      readonly kind: 'status';
      readonly status: number;
      readonly codes: readonly string[];
      /** The provider's message, for `~` rules. */
      readonly message?: string | undefined;
    }
  | {
      readonly kind: 'network';
      /** The transport's error codes (`enotfound`, `econnreset`), lower-cased, outermost first. */
      readonly codes?: readonly string[];
    }
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
 * The most specific rule for an outcome. For a status: a rule that matches the provider's
 * message (`~`, the longer text first) beats one that matches its code, which beats a code pattern (`*`), which beats
 * one that names neither; then an exact status beats a range, and a narrower range a wider one.
 * Among codes, the order of the policy's `errorCodePaths` decides. Total: falls back to
 * {@link fallbackRule}.
 */
export function matchRule(policy: Policy, outcome: OutcomeKey): Rule {
  if (outcome.kind === 'network') return matchNetwork(policy, outcome.codes ?? []) ?? fallbackRule(policy, outcome);
  if (outcome.kind !== 'status') return policy.rules[outcome.kind] ?? fallbackRule(policy, outcome);
  const { status } = outcome;
  let best: Rule | undefined;
  let bestScore = -1;
  for (const [key, rule] of entries(policy)) {
    if (key.kind !== 'status' || status < key.from || status > key.to) continue;
    const codeScore = key.code === undefined ? 0 : scoreCode(key.code, key.matcher ?? 'code', outcome);
    if (codeScore < 0) continue;
    // The body match dominates; the narrowness of the status span breaks ties.
    const score = codeScore * 1000 + (1000 - (key.to - key.from));
    if (score > bestScore) {
      best = rule;
      bestScore = score;
    }
  }
  return best ?? fallbackRule(policy, outcome);
}

/** A `network:<code>` rule for one of the codes (exact before pattern), else the plain `network` rule. */
function matchNetwork(policy: Policy, codes: readonly string[]): Rule | undefined {
  let best: Rule | undefined;
  let bestScore = -1;
  for (const [key, rule] of entries(policy)) {
    if (key.kind !== 'network' || key.code === undefined) continue;
    const score = scoreCode(key.code, key.matcher ?? 'code', { kind: 'status', status: 0, codes });
    if (score > bestScore) {
      best = rule;
      bestScore = score;
    }
  }
  return best ?? policy.rules.network;
}

const MESSAGE_TIER = 3_000_000;
const CODE_TIER = 2_000_000;
const GLOB_TIER = 1_000_000;

/** How well a rule's code text matches the body: -1 not at all, higher is more specific. */
function scoreCode(code: string, matcher: string, outcome: Extract<OutcomeKey, { kind: 'status' }>): number {
  if (matcher === 'message') {
    const words = code.slice(1);
    // Of two message rules that both match, the longer text is the more specific one.
    return outcome.message?.toLowerCase().includes(words) ? MESSAGE_TIER + Math.min(words.length, 999) : -1;
  }
  const index =
    matcher === 'glob'
      ? outcome.codes.findIndex((candidate) => globMatches(code, candidate))
      : outcome.codes.indexOf(code);
  if (index === -1) return -1;
  return (matcher === 'glob' ? GLOB_TIER : CODE_TIER) + 999 - Math.min(index, 999);
}

const globs = new Map<string, RegExp>();

function globMatches(pattern: string, candidate: string): boolean {
  let regex = globs.get(pattern);
  if (regex === undefined) {
    const source = pattern
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'))
      .join('.*');
    regex = new RegExp(`^${source}$`);
    globs.set(pattern, regex);
  }
  return regex.test(candidate);
}
