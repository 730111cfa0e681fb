// Each documented code of the two seeded providers, through the drop-in fetch against a real
// loopback server: the attempts the server saw and the outcome the caller got.
import { isHttpError, isRetriesExhaustedError, type PolicyInput } from '@staunch/core';
import { getPreset } from '@staunch/presets';
import { type FaultServer, startFaultServer } from '@staunch/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createFetch } from '../src/index.js';

interface Row {
  readonly preset: 'together' | '4allapi';
  readonly status: number;
  readonly code?: string;
  /** Attempts the server sees when it answers this status every time. */
  readonly attempts: number;
  readonly outcome: 'fail-fast' | 'exhausted';
  readonly reason: string;
}

const RETRIED = 5; // the default maxAttempts
const ROWS: readonly Row[] = [
  { preset: 'together', status: 400, attempts: 1, outcome: 'fail-fast', reason: 'invalid-request' },
  { preset: 'together', status: 401, attempts: 1, outcome: 'fail-fast', reason: 'auth' },
  { preset: 'together', status: 402, attempts: 1, outcome: 'fail-fast', reason: 'billing' },
  { preset: 'together', status: 403, attempts: 1, outcome: 'fail-fast', reason: 'context-length' },
  { preset: 'together', status: 404, attempts: 1, outcome: 'fail-fast', reason: 'not-found' },
  { preset: 'together', status: 429, attempts: RETRIED, outcome: 'exhausted', reason: 'rate-limit' },
  { preset: 'together', status: 500, attempts: RETRIED, outcome: 'exhausted', reason: 'server-error' },
  { preset: 'together', status: 503, attempts: RETRIED, outcome: 'exhausted', reason: 'overloaded' },
  { preset: '4allapi', status: 400, attempts: 1, outcome: 'fail-fast', reason: 'invalid-request' },
  { preset: '4allapi', status: 401, attempts: 1, outcome: 'fail-fast', reason: 'auth' },
  { preset: '4allapi', status: 403, attempts: 1, outcome: 'fail-fast', reason: 'quota' },
  { preset: '4allapi', status: 404, attempts: 1, outcome: 'fail-fast', reason: 'not-found' },
  { preset: '4allapi', status: 413, attempts: 1, outcome: 'fail-fast', reason: 'too-large' },
  { preset: '4allapi', status: 429, attempts: RETRIED, outcome: 'exhausted', reason: 'rate-limit' },
  { preset: '4allapi', status: 500, attempts: 3, outcome: 'exhausted', reason: 'server-error' },
  { preset: '4allapi', status: 503, attempts: RETRIED, outcome: 'exhausted', reason: 'overloaded' },
  {
    preset: '4allapi',
    status: 503,
    code: 'model_not_found',
    attempts: 1,
    outcome: 'fail-fast',
    reason: 'model-not-found',
  },
  { preset: '4allapi', status: 504, attempts: 2, outcome: 'exhausted', reason: 'gateway-timeout' },
  { preset: '4allapi', status: 524, attempts: 2, outcome: 'exhausted', reason: 'gateway-timeout' },
];

/**
 * The preset with millisecond backoff everywhere (its rules' own backoff too), so the suite runs
 * fast; the presets' actions, reasons and attempt limits are what is under test.
 */
function fastPolicy(name: string): PolicyInput {
  const fast = { baseMs: 1, capMs: 5 };
  const rules = Object.entries(getPreset(name)?.policy.rules ?? {}).map(([key, rule]) => [
    key,
    typeof rule === 'string' || rule.backoff === undefined ? rule : { ...rule, backoff: fast },
  ]);
  return { extends: name, backoff: fast, rules: Object.fromEntries(rules) };
}

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());

describe.each(ROWS)('$preset $status $code', (row) => {
  const body = JSON.stringify({ error: { message: `seed ${row.status}`, type: 'test', code: row.code ?? null } });
  const policy = fastPolicy(row.preset);

  test(`${row.outcome} after ${row.attempts} attempt(s), typed error with the hint`, async () => {
    const id = `typed-${row.preset}-${row.status}-${row.code ?? ''}`;
    server.script(id, [{ status: row.status, body, headers: { 'content-type': 'application/json' } }]);
    const fetch = createFetch({ policy, throwHttpErrors: true, throttle: false });
    const error = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'x-test-id': id },
      body: '{}',
    }).catch((e: unknown) => e);
    expect(server.arrivals(id)).toBe(row.attempts);
    expect(row.outcome === 'fail-fast' ? isHttpError(error) : isRetriesExhaustedError(error)).toBe(true);
    const typed = error as { status: number; reason: string; hint?: string; attempts: number; provider: string };
    expect(typed).toMatchObject({
      status: row.status,
      reason: row.reason,
      attempts: row.attempts,
      provider: row.preset,
    });
    expect(typed.hint ?? '').not.toBe('');
  });

  test('drop-in mode resolves the final response with its body unread', async () => {
    const id = `dropin-${row.preset}-${row.status}-${row.code ?? ''}`;
    server.script(id, [{ status: row.status, body }]);
    const fetch = createFetch({ policy, throttle: false });
    const response = await fetch(`${server.url}/s/${id}/v1/chat/completions`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(row.status);
    expect(await response.text()).toBe(body);
    expect(server.arrivals(id)).toBe(row.attempts);
  });
});
