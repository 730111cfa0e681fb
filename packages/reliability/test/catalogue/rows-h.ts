import type { FaultStep } from '@staunch/testing';
import { DISTINCT_KEYS_CASES } from './load-distinct-keys.js';
import { HERD_CASES } from './load-herd.js';
import { ONE_KEY_CASES } from './load-one-key.js';
import { SHARED_SIGNAL_CASES } from './load-shared-signal.js';
import { TWO_KEYS_CASES } from './load-two-keys.js';
import type { Row } from './row.js';

// Group H (load and concurrency) of reliability.md §9.2.
const storm = (n: number, first: FaultStep): FaultStep[] => [
  ...Array.from({ length: n }, () => first),
  { status: 200 },
];
export const ROWS_H: readonly Row[] = [
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
    cases: HERD_CASES,
  },
  {
    id: 'H47',
    title: '100 000 waiters on one key; 100 000 distinct keys (idle scopes are evicted)',
    serial: true,
    cases: [...ONE_KEY_CASES, ...DISTINCT_KEYS_CASES],
  },
  {
    id: 'H48',
    title: 'Two throttled keys: a 429 on key A does not slow key B',
    cases: TWO_KEYS_CASES,
  },
  {
    id: 'H49',
    title: 'Shared signal across 10 000 calls',
    serial: true,
    cases: SHARED_SIGNAL_CASES,
  },
];
