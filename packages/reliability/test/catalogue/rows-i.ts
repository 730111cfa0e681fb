import { lateCommands, skewedNodes } from './redis-clock-cases.js';
import { evictedMidCall } from './redis-eviction-cases.js';
import { DECISION_BOUND_MS, RECOVERY_BOUND_MS, REDIS_NOT_APPLICABLE } from './redis-harness.js';
import { slowRedis } from './redis-latency-cases.js';
import { twoVersions } from './redis-namespace-cases.js';
import { diesMidRun, downAtStartup, scriptFlush } from './redis-outage-cases.js';
import type { Row } from './row.js';

// Group I (the Redis-shared limiter) of reliability.md §9.2: real calls through each adapter with
// the Redis throttle of @staunch/redis, while Redis fails. Faults that would disturb other tests
// (kill, restart, SCRIPT FLUSH, maxmemory) hit a redis-server of the case's own; the rest use the
// run's REDIS_URL under a key prefix of their own.

/** An outcome reached within the decision bound (`redisTimeoutMs` plus slack). */
const inBound = (outcome: string) => `${outcome} decided<${DECISION_BOUND_MS}ms`;
const recovered = `back on Redis<${RECOVERY_BOUND_MS}ms, NOSCRIPT→EVAL, state rebuilt`;

const ROWS: readonly Row[] = [
  {
    id: 'I50',
    title: 'Redis down at startup; dies mid-run; restarts (NOSCRIPT)',
    serial: true,
    cases: [
      {
        name: 'down at startup, then up',
        run: downAtStartup,
        expect: {
          arrivals: [5, 45],
          outcome: [
            `fail-open down: ${inBound('200')}`,
            `fail-open: ${recovered}`,
            `fail-closed down: ${inBound('RedisUnavailable')}`,
            `fail-closed: ${recovered}`,
          ],
        },
      },
      {
        name: 'killed mid-run, restarted empty',
        run: diesMidRun,
        expect: {
          arrivals: [9, 45],
          outcome: [
            'fail-open before: 200',
            `fail-open killed: ${inBound('200')}`,
            `fail-open: ${recovered}`,
            'fail-closed before: 200',
            `fail-closed killed: ${inBound('RedisUnavailable')}`,
            `fail-closed: ${recovered}`,
          ],
        },
      },
      {
        name: 'SCRIPT FLUSH between calls',
        run: scriptFlush,
        expect: {
          arrivals: 10,
          outcome: [
            'fail-open: 200, NOSCRIPT→EVAL, not degraded, 5 successes kept',
            'fail-closed: 200, NOSCRIPT→EVAL, not degraded, 5 successes kept',
          ],
        },
      },
    ],
  },
  {
    id: 'I51',
    title: 'Redis latency 500 ms per command; maxmemory eviction of limiter keys',
    serial: true,
    cases: [
      {
        name: 'every reply 500 ms late',
        run: slowRedis,
        expect: {
          arrivals: 4,
          outcome: [
            `fail-open: ${inBound('200')}`,
            `fail-closed: ${inBound('RedisUnavailable')}`,
            'late grants handed back',
            'redisTimeoutMs 2000: 200 via Redis',
          ],
        },
      },
      {
        name: 'limiter key evicted (allkeys-lru) during a call',
        run: evictedMidCall,
        expect: {
          arrivals: 4,
          outcome: [
            'before: 200',
            'evicted mid-call: 200',
            'after: 200',
            'not degraded, state rebuilt: 2 successes, inflight 0',
          ],
        },
      },
    ],
  },
  {
    id: 'I52',
    title: 'App-node clock skew ±5 s; delayed commands out of order',
    cases: [
      {
        name: 'node −5 s told to pause, node +5 s held',
        run: skewedNodes(-5000, 5000),
        expect: {
          arrivals: 2,
          outcome: ['node −5 s: 200', 'node +5 s: 200 held by the shared pause', 'state on Redis TIME'],
        },
      },
      {
        name: 'node +5 s told to pause, node −5 s held',
        run: skewedNodes(5000, -5000),
        expect: {
          arrivals: 2,
          outcome: ['node +5 s: 200', 'node −5 s: 200 held by the shared pause', 'state on Redis TIME'],
        },
      },
      {
        name: 'control: app clocks in the script (timeSource clock, tests only) over-issue',
        run: skewedNodes(-5000, 5000, 'clock'),
        expect: { arrivals: 2, outcome: ['node −5 s: 200', 'node +5 s: 200 not held', 'state on app clocks'] },
      },
      {
        name: "one node's commands 400 ms late, run after another's",
        run: lateCommands,
        expect: {
          arrivals: 6,
          outcome: ['200', "A's late commands ran after B's", '6 successes, inflight 0, not degraded'],
        },
      },
    ],
  },
  {
    id: 'I53',
    title: 'Two library versions sharing a key namespace',
    cases: [
      {
        name: 'v0, v2 and unversioned keys for the same scope',
        run: twoVersions,
        expect: {
          arrivals: 4,
          outcome: [
            'v1 beside v0, v2 and unversioned keys: 200',
            'not held by the v2 pause',
            'v1 state: 3 successes',
            "other versions' keys untouched",
          ],
        },
      },
    ],
  },
];

export const ROWS_I: readonly Row[] = ROWS.map((row) =>
  REDIS_NOT_APPLICABLE === undefined ? row : { id: row.id, title: row.title, notApplicable: REDIS_NOT_APPLICABLE },
);
