import { createAdaptiveThrottle, isAbortedError, isDeadlineError } from '@staunch/core';
import { describe, expect, it } from 'vitest';
import { BACKUP, fakeChain, OPENAI, settle } from './support/fake-chain.js';

const BODY = JSON.stringify({ model: 'gpt-4o-mini', messages: [] });

describe('deadline, abort and routing by headroom', () => {
  it("the chain's deadline spans every target: a hang at the second ends the call with a DeadlineError", async () => {
    const { clock, sent, call } = fakeChain(
      [
        { name: 'openai', baseURL: OPENAI },
        { name: 'backup', baseURL: BACKUP },
        { name: 'third', baseURL: 'https://third.test/v1' },
      ],
      (s) => (s.target === 'openai' ? { status: 503 } : { hang: true }),
      { failover: { timeoutMs: 5_000 } },
    );
    const result = await settle(clock, call(`${OPENAI}/chat/completions`, { body: BODY }));
    expect(result.ok ? undefined : isDeadlineError(result.error)).toBe(true);
    expect(sent.map((s) => s.target)).toEqual(['openai', 'backup']);
    expect(clock.now()).toBeLessThanOrEqual(5_100);
  });

  it("the caller's abort stops the chain where it is: no further target is tried", async () => {
    const controller = new AbortController();
    const { clock, sent, call } = fakeChain(
      [
        { name: 'openai', baseURL: OPENAI },
        { name: 'backup', baseURL: BACKUP },
        { name: 'third', baseURL: 'https://third.test/v1' },
      ],
      (s) => {
        if (s.target === 'backup') setTimeout(() => controller.abort(new Error('user left')), 0);
        return s.target === 'openai' ? { status: 503 } : { hang: true };
      },
    );
    const result = await settle(clock, call(`${OPENAI}/chat/completions`, { body: BODY, signal: controller.signal }));
    expect(result.ok ? undefined : isAbortedError(result.error)).toBe(true);
    expect(sent.map((s) => s.target)).toEqual(['openai', 'backup']);
  });

  it('routes among keys by the throttle: a key the server just rate-limited gets no call while another has room', async () => {
    let limited = true;
    const chain = fakeChain(
      [{ name: 'openai', baseURL: OPENAI, policy: 'openai', keys: ['k0', 'k1'] }],
      (s) => {
        if (s.key === 0 && limited) {
          limited = false;
          return { status: 429, headers: { 'retry-after': '1' }, body: { error: { code: 'rate_limit_exceeded' } } };
        }
        return { status: 200 };
      },
      (clock) => ({ throttle: createAdaptiveThrottle({ clock }) }),
    );
    // The 429 is retried at its key after the server's wait (the throttle paces rate limits).
    const first = await settle(chain.clock, chain.call(`${OPENAI}/chat/completions`, { body: BODY }));
    expect(first).toMatchObject({ ok: true, value: 'openai#0:200' });
    const keys: (number | undefined)[] = [];
    for (let i = 0; i < 3; i++) {
      const result = await chain.call(`${OPENAI}/chat/completions`, { body: BODY });
      keys.push(result.ok ? Number(String(result.value).split('#')[1]?.[0]) : undefined);
    }
    expect(keys).toEqual([1, 1, 1]);
  });

  it('equal-priority targets share concurrent calls; a call is never in flight at two targets', async () => {
    const { clock, sent, call, maxPerCall } = fakeChain(
      [
        { name: 'a', baseURL: OPENAI, priority: 0 },
        { name: 'b', baseURL: BACKUP, priority: 0 },
      ],
      (_s, i) => (i % 3 === 0 ? { status: 503, delayMs: 200 } : { status: 200, delayMs: 200 }),
    );
    const calls = Array.from({ length: 40 }, (_, i) =>
      call(`${OPENAI}/chat/completions`, { body: BODY, headers: { 'x-call': String(i) } }),
    );
    const results = await Promise.all(calls.map((c) => settle(clock, c)));
    expect(results.every((r) => r.ok)).toBe(true);
    const a = sent.filter((s) => s.target === 'a').length;
    const b = sent.filter((s) => s.target === 'b').length;
    expect(Math.min(a, b)).toBeGreaterThan(sent.length / 4);
    expect(maxPerCall()).toBe(1);
  });

  it('a key no answer has vouched for takes one call of a burst; the rest wait for its answer and see its breaker', async () => {
    const quota = { status: 429, delayMs: 100, body: { error: { code: 'insufficient_quota' } } };
    const { clock, sent, call } = fakeChain(
      [
        { name: 'openai', baseURL: OPENAI, policy: 'openai' },
        { name: 'backup', baseURL: BACKUP },
      ],
      (s) => (s.target === 'openai' ? quota : { status: 200, delayMs: 100 }),
    );
    const results = await Promise.all(
      Array.from({ length: 8 }, () => settle(clock, call(`${OPENAI}/chat/completions`, { body: BODY }))),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(sent.filter((s) => s.target === 'openai')).toHaveLength(1);
  });
});
