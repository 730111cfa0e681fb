import type { FaultStep } from '@staunch/testing';
import type { Case, Row } from './row.js';

// Groups G (clocks), H (load), I (Redis) and J (configuration) of reliability.md §9.2.
const storm = (n: number, first: FaultStep): FaultStep[] => [
  ...Array.from({ length: n }, () => first),
  { status: 200 },
];
const config = (name: string, policy: object): Case => ({
  name,
  policy,
  steps: [{ status: 200 }],
  expect: { arrivals: 0, outcome: 'Config' },
});

export const ROWS_G_J: readonly Row[] = [
  {
    id: 'G41',
    title: 'Date.now() jumps ±1 h; performance.now() normal',
    coveredBy: 'packages/core/src/engine/engine-monotonic.test.ts (G17)',
  },
  {
    id: 'G42',
    title: '2 s synchronous CPU block during backoff',
    coveredBy: 'packages/reliability/test/guarantees/cpu-block.test.ts',
  },
  {
    id: 'G43',
    title: 'Fake timers installed by the caller after import',
    coveredBy: 'packages/reliability/test/guarantees/fake-timers.test.ts',
  },
  {
    id: 'G44',
    title: 'Process shutdown while a retry is pending',
    coveredBy: 'packages/reliability/test/guarantees/process-exit.test.ts',
  },
  {
    id: 'H45',
    title: '429 storm: 20 clients throttled at once, Retry-After: 1 (engine defaults: adaptive throttle, outage gate)',
    cases: [
      {
        name: 'storm',
        defaults: true,
        concurrency: 20,
        steps: storm(20, { status: 429, headers: { 'retry-after': '1' } }),
        expect: { arrivals: 40, outcome: '200' },
      },
    ],
  },
  {
    id: 'H46',
    title: 'Thundering herd after recovery (20 clients, server down for their first attempts)',
    cases: [
      {
        name: 'herd',
        defaults: true,
        concurrency: 20,
        policy: { backoff: { baseMs: 100, capMs: 500 } },
        steps: storm(20, { status: 503 }),
        expect: { arrivals: [40, 60], outcome: '200' },
      },
    ],
  },
  {
    id: 'H47',
    title: '100 000 waiters on one key; 100 000 distinct keys',
    coveredBy: 'packages/core/test/throttle (G14, throttle owner)',
  },
  {
    id: 'H48',
    title: 'Two throttled keys: a 429 on key A does not slow key B',
    coveredBy: 'packages/core/test/throttle (G13, throttle owner)',
  },
  {
    id: 'H49',
    title: 'Shared signal across 10 000 calls',
    coveredBy: 'packages/reliability/test/soak/soak.test.ts (one signal shared by all 10 000 calls)',
  },
  ...['I50', 'I51', 'I52', 'I53'].map(
    (id, i): Row => ({
      id,
      title: [
        'Redis down at startup; dies mid-run; restarts (NOSCRIPT)',
        'Redis latency 500 ms; maxmemory eviction of limiter keys',
        'App-node clock skew ±5 s; delayed commands out of order',
        'Two library versions sharing a key namespace',
      ][i] as string,
      notApplicable: 'adapter-independent: the Redis-shared limiter (G18) is tested by its owner in packages/redis',
    }),
  ),
  {
    id: 'J54',
    title: 'maxAttempts 0, −1, NaN, Infinity, 1e9; baseDelay 0; maxDelay < baseDelay',
    cases: [
      config('maxAttempts 0', { maxAttempts: 0 }),
      config('maxAttempts -1', { maxAttempts: -1 }),
      config('maxAttempts NaN', { maxAttempts: Number.NaN }),
      config('maxAttempts Infinity', { maxAttempts: Number.POSITIVE_INFINITY }),
      config('maxAttempts 1e9', { maxAttempts: 1e9 }),
      config('capMs < baseMs', { backoff: { baseMs: 100, capMs: 10 } }),
      {
        name: 'baseMs 0',
        policy: { backoff: { baseMs: 0, capMs: 0 } },
        steps: [{ status: 503 }, { status: 200 }],
        expect: { arrivals: 2, outcome: '200' },
      },
      {
        name: 'maxAttempts 1',
        policy: { maxAttempts: 1 },
        steps: [{ status: 503 }, { status: 200 }],
        expect: { arrivals: 1, outcome: 'RetriesExhausted 503' },
      },
    ],
  },
  {
    id: 'J55',
    title: 'Unknown jitter; negative maxRetryAfter (rate 0 / burst 0 belong to the throttle)',
    cases: [
      config('jitter "sideways"', { backoff: { jitter: 'sideways' } }),
      config('maxRetryAfterMs -1', { maxRetryAfterMs: -1 }),
    ],
  },
  {
    id: 'J56',
    title: 'User delay() returning NaN, −1, Infinity, a string, a rejected promise',
    notApplicable:
      'Staunch takes no user delay hook: policies are data, validated when built (G1/G2 hold by construction)',
  },
  {
    id: 'J57',
    title: 'User shouldRetry throwing; hooks mutating the request',
    notApplicable:
      'Staunch takes no shouldRetry hook; the transport throwing is covered by engine-hostile-transport.test.ts',
  },
  {
    id: 'J58',
    title: 'Overlapping status ranges in the policy map are rejected when built',
    cases: [config('500-504 and 502-510', { rules: { '500-504': 'retry', '502-510': 'fail' } })],
  },
];
