import type { Row } from './row.js';

// Group I (the Redis-shared limiter) of reliability.md §9.2.
export const ROWS_I: readonly Row[] = [
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
];
