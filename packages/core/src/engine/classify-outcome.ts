import { readErrorBody } from '../policy/error-body.js';
import { matchRule } from '../policy/match-rule.js';
import type { Reason } from '../policy/reason.js';
import type { Policy, Rule } from '../policy/types.js';
import { readHeader } from '../retry-after/headers.js';
import type { Failure } from './failure-error.js';
import { transportCodes } from './transport-codes.js';
import type { AttemptOutcome } from './types.js';

/** The most error-body text read to find a provider code, in characters. */
export const ERROR_BODY_PREFIX_CHARS = 64 * 1024;

/**
 * Classifies one outcome against the policy: `undefined` for a success (a status below 400),
 * otherwise the failure with its rule. A timed-out attempt is the `timeout` outcome.
 */
export async function classifyOutcome<T>(
  policy: Policy,
  outcome: AttemptOutcome<T>,
  timedOut: boolean,
): Promise<Failure | undefined> {
  if (outcome.kind === 'network') {
    const codes = transportCodes(outcome.error);
    const rule =
      timedOut || outcome.timedOut === true
        ? matchRule(policy, { kind: 'timeout' })
        : matchRule(policy, { kind: 'network', codes });
    return { rule, status: undefined, codes, message: undefined, waitMs: undefined, cause: outcome.error };
  }
  if (outcome.status < 400) return undefined;
  let text: string | undefined;
  try {
    text = await outcome.readErrorBody?.();
  } catch {
    text = undefined;
  }
  const body = readErrorBody(text?.slice(0, ERROR_BODY_PREFIX_CHARS), policy.errorCodePaths);
  const matched = matchRule(policy, {
    kind: 'status',
    status: outcome.status,
    codes: body.codes,
    message: body.message,
  });
  const rule = policy.shouldRetryHeader
    ? obeyShouldRetry(matched, readHeader(outcome.headers, 'x-should-retry'))
    : matched;
  return {
    rule,
    status: outcome.status,
    codes: body.codes,
    message: body.message,
    waitMs: body.waitMs,
    cause: undefined,
  };
}

const NEVER_RETRIED: ReadonlySet<Reason> = new Set<Reason>(['quota', 'billing']);

/**
 * `x-should-retry: true | false` (OpenAI, Anthropic) is the server's own verdict and overrides
 * the rule's action; the rule keeps its reason, hint and limits.
 */
function obeyShouldRetry(rule: Rule, header: string | undefined): Rule {
  const verdict = header?.trim().toLowerCase();
  // Waiting never refills a spend limit, whatever the header says.
  if (verdict === 'true' && rule.action !== 'retry' && !NEVER_RETRIED.has(rule.reason))
    return { ...rule, action: 'retry' };
  if (verdict === 'false' && rule.action !== 'fail') return { ...rule, action: 'fail' };
  return rule;
}
