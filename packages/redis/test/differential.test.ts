import { fc, test } from '@fast-check/vitest';
import {
  createAdaptiveThrottle,
  type RateLimitReading,
  type Reason,
  type Throttle,
  type ThrottleFeedback,
  VirtualClock,
} from '@staunch/core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { createRedisThrottle } from '../src/index.js';
import { CLIENT_KINDS, type TestClient } from './support/clients.js';
import { countingClient } from './support/counting-client.js';
import { testRedis, uniquePrefix } from './support/test-redis.js';
import { settleWhile, TrackedClock } from './support/tracked-clock.js';

// The same sequences of acquisitions, feedback, aborts and time through core's in-memory
// throttle and the Redis one (its script on the test's virtual time): after every step both
// must have granted exactly the same attempts, and hold the same state.

type Op =
  | { readonly kind: 'advance'; readonly ms: number }
  | { readonly kind: 'acquire'; readonly requests: number; readonly tokens: number; readonly scout: boolean }
  | {
      readonly kind: 'record';
      readonly pick: number;
      readonly outcome: Outcome;
      readonly readings: readonly RateLimitReading[];
    }
  | { readonly kind: 'abort'; readonly pick: number };
type Outcome = 'success' | 'rate-limit' | 'server-error' | 'cancelled';

const reading: fc.Arbitrary<RateLimitReading> = fc.record({
  unit: fc.constantFrom('requests' as const, 'tokens' as const),
  limit: fc.option(fc.integer({ min: 1, max: 200 }), { nil: undefined }),
  // Small counts often: a scout's answer with a few left sizes slow start (sizeByScout).
  remaining: fc.option(fc.oneof(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 200 })), { nil: undefined }),
  resetMs: fc.option(fc.integer({ min: 0, max: 3000 }), { nil: undefined }),
  windowSeconds: fc.option(fc.constantFrom(1, 60, 86_400), { nil: undefined }),
});
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 300 }) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('acquire' as const),
      requests: fc.constantFrom(1, 1, 1, 0, 2),
      tokens: fc.integer({ min: 0, max: 500 }),
      // Only the acquire that creates the scope is asked to scout (core's AcquireOptions).
      scout: fc.boolean(),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('record' as const),
      pick: fc.nat(),
      outcome: fc.constantFrom<Outcome>('success', 'success', 'success', 'rate-limit', 'server-error', 'cancelled'),
      readings: fc.oneof(
        { weight: 3, arbitrary: fc.constant<RateLimitReading[]>([]) },
        { weight: 2, arbitrary: fc.array(reading, { maxLength: 2 }) },
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('abort' as const), pick: fc.nat() }) },
);

const REASON: Record<Outcome, Reason | undefined> = {
  success: undefined,
  'rate-limit': 'rate-limit',
  'server-error': 'server-error',
  cancelled: undefined,
};

function feedbackFor(outcome: Outcome, readings: readonly RateLimitReading[]): ThrottleFeedback {
  return {
    cost: { requests: 1, tokens: 0 },
    reason: REASON[outcome],
    status: outcome === 'success' ? 200 : outcome === 'rate-limit' ? 429 : 500,
    retryAfterMs: undefined,
    rateLimits: readings,
    cancelled: outcome === 'cancelled',
  };
}

/** One side of the comparison: a throttle, its time, and what became of every acquisition. */
interface Side {
  readonly throttle: Throttle;
  readonly advance: (ms: number) => Promise<void>;
  readonly settle: () => Promise<void>;
  readonly status: ('waiting' | 'granted' | 'recorded' | 'aborted')[];
  readonly controllers: AbortController[];
}

async function step(side: Side, scope: string, o: Op): Promise<void> {
  if (o.kind === 'advance') await side.advance(o.ms);
  else if (o.kind === 'acquire') {
    const i = side.status.length;
    const controller = new AbortController();
    side.status.push('waiting');
    side.controllers.push(controller);
    side.throttle
      .acquire(scope, { requests: o.requests, tokens: o.tokens }, controller.signal, { scout: o.scout })
      .then(
        () => {
          side.status[i] = 'granted';
        },
        () => {
          side.status[i] = 'aborted';
        },
      );
  } else if (o.kind === 'record') {
    const granted = side.status.flatMap((s, i) => (s === 'granted' ? [i] : []));
    const i = granted[o.pick % Math.max(1, granted.length)];
    if (i !== undefined) {
      side.status[i] = 'recorded';
      side.throttle.record(scope, feedbackFor(o.outcome, o.readings));
    }
  } else {
    const waiting = side.status.flatMap((s, i) => (s === 'waiting' ? [i] : []));
    const i = waiting[o.pick % Math.max(1, waiting.length)];
    if (i !== undefined) side.controllers[i]?.abort(new Error('aborted'));
  }
  await side.settle();
}

const redis = await testRedis();
afterAll(() => redis?.close());

describe.skipIf(redis === undefined).each(CLIENT_KINDS)(
  'the Redis throttle against the in-memory one ($name)',
  (kind) => {
    let client: TestClient;
    const prefix = uniquePrefix(`differential-${kind.name}`);
    beforeAll(async () => {
      client = await kind.connect(redis?.url ?? '');
    });
    afterAll(async () => {
      await client.flush(prefix);
      await client.close();
    });

    test.prop([fc.array(op, { minLength: 10, maxLength: 60, size: 'max' })], {
      numRuns: kind.name === 'redis' ? 200 : 100,
    })(
      'grants the same attempts at the same times, with the same state',
      async (ops) => {
        const scope = `s${Math.random().toString(36).slice(2)}`;
        const memoryClock = new VirtualClock();
        const memory = createAdaptiveThrottle({ clock: memoryClock });
        const counting = countingClient(client.script);
        const redisClock = new TrackedClock();
        // Released slots are announced within one process, so the poll for other processes' releases stays out of the way.
        const shared = createRedisThrottle({
          client: counting,
          keyPrefix: prefix,
          clock: redisClock,
          timeSource: 'clock',
          releasePollMs: 2 ** 30,
        });
        const settleRedis = () => settleWhile(() => counting.pending);
        const left: Side = {
          throttle: memory,
          advance: (ms) => memoryClock.advance(ms),
          settle: () => memoryClock.advance(0),
          status: [],
          controllers: [],
        };
        const right: Side = {
          throttle: shared,
          advance: (ms) => redisClock.advance(ms, settleRedis),
          settle: settleRedis,
          status: [],
          controllers: [],
        };
        for (const [i, o] of ops.entries()) {
          await step(left, scope, o);
          await step(right, scope, o);
          expect(right.status, `after step ${i}: ${JSON.stringify(o)}`).toEqual(left.status);
        }
        const stored = await shared.inspect(scope);
        const held = memory.inspect(scope);
        expect(stored === undefined).toBe(held === undefined);
        if (held !== undefined && stored !== undefined) {
          for (const [field, value] of Object.entries(held)) {
            expect(stored[field as keyof typeof stored], field).toBeCloseTo(value, 6);
          }
        }
      },
      120_000,
    );
  },
);
