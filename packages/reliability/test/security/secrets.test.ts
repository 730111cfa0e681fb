import { createFetch } from '@staunch/fetch';
import { type FaultServer, type FaultStep, startFaultServer } from '@staunch/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { sseStep } from '../streaming/sse-frames.js';

// §9 security: an API key or Authorization value never appears in an error's message, its
// JSON, its cause chain, or any event, whatever the failure.
const KEY = 'sk-proj-SECRETSECRETSECRET0123456789';
let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());

const FAILURES: Record<string, { steps: FaultStep[]; policy?: object; read?: boolean }> = {
  'fail-fast 401': { steps: [{ status: 401 }] },
  'quota 429': { steps: [{ status: 429, body: '{"error":{"code":"insufficient_quota","message":"q"}}' }] },
  'wait too long': { steps: [{ status: 429, headers: { 'retry-after': '99999' } }] },
  'exhausted 503': { steps: [{ status: 503 }], policy: { maxAttempts: 2 } },
  'network resets': { steps: [{ fault: 'reset-before-headers' }], policy: { maxAttempts: 2 } },
  deadline: { steps: [{ fault: 'hang' }], policy: { timeoutMs: 200 } },
  'stream error event': { steps: [sseStep(['{"choices":[]}'], 'error-event')], read: true },
};

/** Everything a log line could carry: messages, own fields and causes, recursively. */
function exposed(error: unknown, depth = 0): string {
  if (depth > 5 || error === undefined || error === null) return '';
  if (typeof error !== 'object') return String(error);
  const own = Object.fromEntries(
    Object.getOwnPropertyNames(error).map((k) => [k, (error as Record<string, unknown>)[k]]),
  );
  let text = '';
  try {
    text = JSON.stringify(own, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
  } catch {
    text = String(error);
  }
  return `${text} ${String(error)} ${exposed((error as { cause?: unknown }).cause, depth + 1)}`;
}

test.each(Object.keys(FAILURES))('%s: no key in the error or events', async (name) => {
  const failure = FAILURES[name] ?? { steps: [] };
  const id = name.replace(/\W+/g, '-');
  server.script(id, failure.steps);
  const staunchFetch = createFetch({
    policy: { backoff: { baseMs: 1, capMs: 5 }, ...failure.policy },
    throwHttpErrors: true,
    throttle: false,
    retryGate: false,
  });
  const events: unknown[] = [];
  staunchFetch.onAttempt((e) => events.push(e));
  staunchFetch.onRetry((e) => events.push(e));
  staunchFetch.onGiveUp((e) => events.push({ ...e, error: exposed(e.error) }));
  const error = await staunchFetch(`${server.url}/s/${id}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'x-api-key': KEY, 'api-key': KEY },
    body: '{"model":"m"}',
  }).then(
    async (response) =>
      failure.read
        ? response.text().then(
            () => undefined,
            (e: unknown) => e,
          )
        : undefined,
    (e: unknown) => e,
  );
  expect(error).toBeDefined();
  const seen = `${exposed(error)} ${JSON.stringify(events)}`;
  expect(seen.length).toBeGreaterThan(20);
  expect(seen).not.toContain('SECRETSECRET');
});
