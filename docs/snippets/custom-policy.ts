// Type-checked in CI (`pnpm typecheck`); docs quote it.
import { definePolicy, type PolicyInput } from '@staunch/core';
import { resolvePolicy } from '@staunch/presets';

/** A policy file is plain JSON; this is the same object in TypeScript. */
export const batchJobs: PolicyInput = {
  extends: 'together',
  maxAttempts: 8,
  timeoutMs: 10 * 60_000,
  maxRetryAfterMs: 120_000,
  rules: {
    '503': { action: 'retry', reason: 'overloaded', backoff: { baseMs: 2000, capMs: 60_000 } },
    '429:dynamic_token_limited': {
      action: 'fail',
      reason: 'rate-limit',
      hint: 'Split the batch into smaller prompts.',
    },
  },
};

// Presets are resolved by name through @staunch/presets; core alone knows "default" and "none".
export const policy = resolvePolicy(batchJobs);
export const standalone = definePolicy({ extends: 'none', rules: { '5xx': 'retry', '4xx': 'fail' } });
