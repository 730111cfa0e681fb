import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { type Clock, createRetryBudget, isConfigError } from '../../src/index.js';

/** A clock that moves only when told; the budget reads no timers. */
function manualClock(): Clock & { advance(ms: number): void } {
  let now = 0;
  return {
    now: () => now,
    wallNow: () => now,
    setTimeout: () => undefined,
    clearTimeout: () => {},
    advance: (ms) => {
      now += ms;
    },
  };
}

const FIRST = { attempt: 1, retryable: true, previousReason: undefined } as const;
const RETRIED = { attempt: 2, retryable: true, previousReason: 'overloaded' } as const;

const operation = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 4000 }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('request' as const), scope: fc.constantFrom('a', 'b') }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('retried' as const), scope: fc.constantFrom('a', 'b') }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('retry' as const), scope: fc.constantFrom('a', 'b') }), weight: 4 },
);
const config = fc.record({
  ratio: fc.oneof(fc.constantFrom(0, 0.1, 0.2, 1, 2.5), fc.double({ min: 0, max: 3, noNaN: true })),
  minPerSecond: fc.oneof(fc.constantFrom(0, 0.1, 1, 10), fc.double({ min: 0, max: 5, noNaN: true })),
  ttlMs: fc.integer({ min: 1000, max: 20_000 }),
});

describe('the retry budget (Finagle-style)', () => {
  // G12: whenever a retry is granted, retries granted in the last ttl (it included) are at most
  // ratio × requests in the same window + minPerSecond × ttl; and a retry is refused only when
  // granting it would break that. Counted independently from a log of what happened.
  test.prop([config, fc.array(operation, { maxLength: 300 })], { numRuns: 1000 })(
    'grants a retry exactly when retries ≤ ratio × requests + minPerSecond × ttl still holds',
    (options, operations) => {
      const clock = manualClock();
      const budget = createRetryBudget({ ...options, clock });
      const requests: { scope: string; at: number }[] = [];
      const granted: { scope: string; at: number }[] = [];
      const inWindow = (log: { scope: string; at: number }[], scope: string) =>
        log.filter((e) => e.scope === scope && e.at > clock.now() - options.ttlMs).length;
      for (const op of operations) {
        if (op.kind === 'advance') clock.advance(op.ms);
        else if (op.kind === 'request') {
          budget.record(op.scope, false, 'overloaded', FIRST);
          requests.push({ scope: op.scope, at: clock.now() });
        } else if (op.kind === 'retried') budget.record(op.scope, true, undefined, RETRIED);
        else {
          const limit = options.ratio * inWindow(requests, op.scope) + (options.minPerSecond * options.ttlMs) / 1000;
          const before = inWindow(granted, op.scope);
          expect(budget.balance(op.scope)).toBe(Math.max(0, Math.floor(limit - before)));
          const allowed = budget.tryRetry(op.scope, 'overloaded');
          expect(allowed).toBe(before + 1 <= limit);
          if (allowed) {
            granted.push({ scope: op.scope, at: clock.now() });
            expect(inWindow(granted, op.scope)).toBeLessThanOrEqual(limit);
          }
        }
      }
    },
  );

  it('with Finagle defaults (20 %, 10/s, 10 s): 100 retries from the reserve, then one per five requests', () => {
    const clock = manualClock();
    const budget = createRetryBudget({ clock });
    let retries = 0;
    while (budget.tryRetry('s')) retries += 1;
    expect(retries).toBe(100);
    for (let i = 0; i < 10; i++) budget.record('s', true, undefined, FIRST);
    expect(budget.tryRetry('s')).toBe(true);
    expect(budget.tryRetry('s')).toBe(true);
    expect(budget.tryRetry('s')).toBe(false);
    clock.advance(10_000);
    expect(budget.balance('s')).toBe(100);
    expect(budget.balance('other')).toBe(100);
  });

  it('counts a call once: its retried attempts are not requests', () => {
    const budget = createRetryBudget({ ratio: 1, minPerSecond: 0, clock: manualClock() });
    budget.record('s', false, 'overloaded', RETRIED);
    expect(budget.balance('s')).toBe(0);
    budget.record('s', false, 'overloaded');
    expect(budget.balance('s')).toBe(1);
  });

  it.each([
    [{ ratio: -0.1 }, 'retryBudget.ratio'],
    [{ ratio: 1001 }, 'retryBudget.ratio'],
    [{ minPerSecond: Number.POSITIVE_INFINITY }, 'retryBudget.minPerSecond'],
    [{ ttlMs: 999 }, 'retryBudget.ttlMs'],
    [{ ttlMs: 60_001 }, 'retryBudget.ttlMs'],
    [{ ttl: 10_000 }, 'retryBudget.ttl'],
  ])('rejects %j naming %s', (options, field) => {
    let error: unknown;
    try {
      createRetryBudget(options as never);
    } catch (caught) {
      error = caught;
    }
    expect(isConfigError(error) && error.field).toBe(field);
  });
});
