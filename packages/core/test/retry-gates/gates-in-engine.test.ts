import { describe, expect, it } from 'vitest';
import {
  type CallResult,
  createRetryBudget,
  createRetryQuota,
  createRetryThrottle,
  isRetriesExhaustedError,
  VirtualClock,
} from '../../src/index.js';
import { settle } from '../support/harness.js';
import { scripted } from '../support/scripted-transport.js';
import { gateEngine } from './support/gate-engine.js';

const SPENT = /gave up: the retry budget for this scope is spent/;

function expectSpent(result: CallResult<string>, attempts: number): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(isRetriesExhaustedError(result.error)).toBe(true);
  expect(result.error.message).toMatch(SPENT);
  expect(result.attempts).toBe(attempts);
}

// Each gate allows a few retries, then refuses them long before the policy's 5 attempts: the
// call ends at once with RetriesExhaustedError, which says the budget is spent.
describe('opt-in retry gates in the engine', () => {
  it('gRPC-style throttle: retries stop once tokens fall to maxTokens / 2', async () => {
    const throttle = createRetryThrottle({ maxTokens: 4, tokenRatio: 1 });
    const { clock, engine } = gateEngine(throttle, 5);
    const server = scripted([{ status: 503 }]);
    expectSpent(await settle(clock, engine.execute(server.run)), 2); // 4 → 3 (retry) → 2 (refused)
    expectSpent(await settle(clock, engine.execute(server.run)), 1);
    expect(server.calls).toHaveLength(3);
    expect(throttle.tokens('default')).toBe(1);
  });

  it('AWS-style quota: a network error retry costs 10, so a quota of 15 pays for one', async () => {
    const quota = createRetryQuota({ capacity: 15 });
    const { clock, engine } = gateEngine(quota, 5);
    const server = scripted([{ network: new Error('ECONNRESET') }]);
    expectSpent(await settle(clock, engine.execute(server.run)), 2);
    expect(quota.available('default')).toBe(5);
    expect(server.calls).toHaveLength(2);
    // A retry that succeeds gives its cost back.
    const recovering = scripted([{ status: 500 }, { status: 200 }]);
    const result = await settle(clock, engine.execute(recovering.run));
    expect(result.ok && result.attempts).toBe(2);
    expect(quota.available('default')).toBe(5);
  });

  it('Finagle-style budget: the reserve runs out, and comes back after ttl', async () => {
    const clock = new VirtualClock();
    const budget = createRetryBudget({ ratio: 0, minPerSecond: 0.1, ttlMs: 10_000, clock });
    const { engine } = gateEngine(budget, 5, clock);
    expect(budget.balance('default')).toBe(1);
    const server = scripted([{ status: 502 }]);
    expectSpent(await settle(clock, engine.execute(server.run)), 2);
    expectSpent(await settle(clock, engine.execute(server.run)), 1);
    await clock.advance(10_000);
    expectSpent(await settle(clock, engine.execute(server.run)), 2);
    expect(server.calls).toHaveLength(5);
  });
});
