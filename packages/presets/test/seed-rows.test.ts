import { type Action, matchRule, type Reason } from '@staunch/core';
import { describe, expect, test } from 'vitest';
import { getPreset, resolvePolicy } from '../src/index.js';

interface SeedRow {
  readonly status: number;
  readonly code?: string;
  readonly action: Action;
  readonly reason: Reason;
  /** Retries allowed for this row, where the preset caps them below the policy's limit. */
  readonly maxAttempts?: number;
  /** A word the hint must contain, so the hint carries the seed's fix and not a generic line. */
  readonly mentions: string;
}

// Every row of the table in shared/seeds/together-ai-error-codes.md (Together's "Error Codes"
// page), with the action and reason we chose for it.
const TOGETHER_ROWS: readonly SeedRow[] = [
  { status: 400, action: 'fail', reason: 'invalid-request', mentions: 'JSON' },
  { status: 401, action: 'fail', reason: 'auth', mentions: 'API key' },
  { status: 402, action: 'fail', reason: 'billing', mentions: 'spending limit' },
  { status: 403, action: 'fail', reason: 'context-length', mentions: 'max_tokens' },
  { status: 404, action: 'fail', reason: 'not-found', mentions: 'model' },
  { status: 429, action: 'retry', reason: 'rate-limit', mentions: 'slowly' },
  { status: 500, action: 'retry', reason: 'server-error', mentions: 'support' },
  { status: 503, action: 'retry', reason: 'overloaded', mentions: 'overloaded' },
];

// Every row of the table in shared/seeds/4allapi-error-codes.txt (4AllAPI's "Common Error
// Codes" page), plus the 503 code new-api sends when no channel serves the model.
const FOUR_ALL_API_ROWS: readonly SeedRow[] = [
  { status: 400, action: 'fail', reason: 'invalid-request', mentions: 'system' },
  { status: 401, action: 'fail', reason: 'auth', mentions: 'key' },
  { status: 403, action: 'fail', reason: 'quota', mentions: 'new token' },
  { status: 404, action: 'fail', reason: 'not-found', mentions: '/v1' },
  { status: 413, action: 'fail', reason: 'too-large', mentions: 'prompt' },
  { status: 429, action: 'retry', reason: 'rate-limit', mentions: 'concurrency' },
  { status: 500, action: 'retry', reason: 'server-error', maxAttempts: 3, mentions: 'administrator' },
  { status: 503, action: 'retry', reason: 'overloaded', mentions: 'model name' },
  { status: 503, code: 'model_not_found', action: 'fail', reason: 'model-not-found', mentions: 'model name' },
  { status: 504, action: 'retry', reason: 'gateway-timeout', maxAttempts: 2, mentions: 'stream' },
  { status: 524, action: 'retry', reason: 'gateway-timeout', maxAttempts: 2, mentions: 'congested' },
];

describe.each([
  ['together', TOGETHER_ROWS],
  ['4allapi', FOUR_ALL_API_ROWS],
] as const)('%s seed table', (name, rows) => {
  const policy = resolvePolicy(name);
  const own = getPreset(name)?.policy.rules ?? {};

  const labelled = rows.map((row) => [row.code ? `${row.status}:${row.code}` : String(row.status), row] as const);
  test.each(labelled)('%s', (_label, row) => {
    const rule = matchRule(policy, { kind: 'status', status: row.status, codes: row.code ? [row.code] : [] });
    expect(rule.action).toBe(row.action);
    expect(rule.reason).toBe(row.reason);
    expect(rule.maxAttempts).toBe(row.maxAttempts ?? policy.maxAttempts);
    expect(rule.hint).toContain(row.mentions);
    // The hint is the preset's own, not one inherited from the default policy.
    const key = row.code ? `${row.status}:${row.code}` : String(row.status);
    expect(Object.keys(own)).toContain(key);
  });
});

test('the gateway fails fast on quota codes even after rewriting the 429 message', () => {
  const policy = resolvePolicy('4allapi');
  for (const code of ['insufficient_user_quota', 'pre_consume_token_quota_failed']) {
    expect(matchRule(policy, { kind: 'status', status: 403, codes: [code] }).reason).toBe('quota');
  }
  const rewritten = matchRule(policy, { kind: 'status', status: 429, codes: ['insufficient_user_quota'] });
  expect(rewritten.action).toBe('fail');
});

test('Together 429s above the dynamic rate retry with a hint naming what to slow down', () => {
  const policy = resolvePolicy('together');
  const tokens = matchRule(policy, { kind: 'status', status: 429, codes: ['dynamic_token_limited'] });
  expect(tokens.action).toBe('retry');
  expect(tokens.hint).toContain('token');
});
