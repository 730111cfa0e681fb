import { handledRejection, hostileRandom, mutatingHook, throwingHook, throwingListener } from './hook-cases.js';
import type { Case, Row } from './row.js';

// Group J (configuration and user hooks) of reliability.md §9.2.
const config = (name: string, policy: object): Case => ({
  name,
  policy,
  steps: [{ status: 200 }],
  expect: { arrivals: 0, outcome: 'Config' },
});

export const ROWS_J: readonly Row[] = [
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
    title:
      'The user code that feeds the delay (the injected random source) returning NaN, −1, Infinity, a string, a rejected promise, or throwing',
    serial: true,
    cases: [
      hostileRandom('NaN', () => Number.NaN),
      hostileRandom('-1', () => -1),
      hostileRandom('Infinity', () => Number.POSITIVE_INFINITY),
      hostileRandom('a string', () => 'soon'),
      hostileRandom('a rejected promise', handledRejection),
      {
        ...hostileRandom('throws', () => {
          throw new Error('random source failed');
        }),
        expect: { arrivals: 3, outcome: '200, delays within [0, cap], 2 reported' },
      },
    ],
  },
  {
    id: 'J57',
    title: 'User code throwing (an event listener, sync and async; a request hook); a hook mutating the request',
    serial: true,
    cases: [
      {
        name: 'onRetry listeners throw',
        run: throwingListener,
        expect: { arrivals: 2, outcome: '200, reported once' },
      },
      {
        name: 'a request hook adds a header',
        run: mutatingHook,
        expect: { arrivals: 2, outcome: '200, every attempt mutated, same body' },
      },
      {
        name: 'a request hook throws',
        run: throwingHook,
        expect: {
          all: { arrivals: 0, outcome: 'native Error' },
          fetch: { arrivals: 0, outcome: 'RetriesExhausted network' },
        },
      },
    ],
  },
  {
    id: 'J58',
    title: 'Overlapping status ranges in the policy map are rejected when built',
    cases: [config('500-504 and 502-510', { rules: { '500-504': 'retry', '502-510': 'fail' } })],
  },
];
