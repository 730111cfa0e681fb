import { matchRule, readErrorBody } from '@staunch/core';
import { resolvePolicy } from '../../src/index.js';

/** The rule a preset matches for a status and an error body, as the engine reads the body. */
export function classify(preset: string, status: number, body: string) {
  const policy = resolvePolicy(preset);
  const { codes, message } = readErrorBody(body, policy.errorCodePaths);
  return matchRule(policy, { kind: 'status', status, codes, message });
}

export const anthropicError = (message: string) =>
  JSON.stringify({ type: 'error', error: { type: 'invalid_request_error', message }, request_id: 'req_011' });

export const openaiError = (message: string, type: string, code: string) =>
  JSON.stringify({ error: { message, type, param: null, code } });

export const geminiError = (status: number, message: string, details: readonly object[] = []) =>
  JSON.stringify({ error: { code: status, message, status: 'RESOURCE_EXHAUSTED', details } });

export const quotaFailure = (quotaId: string) => ({
  '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
  violations: [
    {
      quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
      quotaId,
      quotaDimensions: { location: 'global', model: 'gemini-2.5-flash' },
      quotaValue: '20',
    },
  ],
});
export const retryInfo = { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '20s' };
export const help = { '@type': 'type.googleapis.com/google.rpc.Help', links: [] };
