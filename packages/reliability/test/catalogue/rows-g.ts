import type { Row } from './row.js';

// Group G (clocks and the event loop) of reliability.md §9.2.
export const ROWS_G: readonly Row[] = [
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
];
