/** Each guarantee of reliability.md §9.1 and the tests that hold it (paths from the repository root). */
export interface GuaranteeEntry {
  readonly id: string;
  readonly title: string;
  readonly tests: readonly string[];
  /** What is not covered yet. */
  readonly open?: string;
}

export const GUARANTEES: readonly GuaranteeEntry[] = [
  {
    id: 'G1',
    title: 'Attempt bound',
    tests: ['packages/core/src/engine/engine-model.prop.test.ts', 'packages/reliability/test/soak/soak.test.ts'],
  },
  {
    id: 'G2',
    title: 'Delay bound; long server waits fail fast',
    tests: [
      'packages/core/src/retry-after/server-wait.test.ts',
      'packages/core/src/engine/engine-retry-after.test.ts',
      'catalogue B10, B11, B17',
    ],
  },
  {
    id: 'G3',
    title: 'Backoff distribution',
    tests: ['packages/core/src/backoff/backoff-distribution.test.ts', 'packages/core/src/backoff/backoff.prop.test.ts'],
  },
  { id: 'G4', title: 'Total deadline', tests: ['packages/core/src/engine/engine-timeouts.test.ts', 'catalogue F39'] },
  {
    id: 'G5',
    title: 'Abort promptness and fidelity',
    tests: [
      'packages/core/src/engine/engine-abort.test.ts',
      'packages/fetch/test/abort-and-hygiene.test.ts',
      'catalogue F36–F40 (before the call, during backoff, throttle wait, connect and body read; a reason object kept as cause)',
      'packages/ky/test/caller-signal.test.ts (an AbortSignal.timeout() nobody holds, ky 1 and 2)',
    ],
  },
  {
    id: 'G6',
    title: 'Timer and listener hygiene',
    tests: [
      'packages/fetch/test/abort-and-hygiene.test.ts',
      'packages/reliability/test/soak/soak.test.ts (shared signal back to 0 listeners)',
      'packages/core/src/engine/engine-transport-codes.test.ts (no listener on a shared signal)',
      'catalogue G44 (a settled call lets the process exit within 1.5 s; a pending retry keeps it alive), H49',
    ],
  },
  { id: 'G7', title: 'Body replayability', tests: ['packages/fetch/test/request-bodies.test.ts', 'catalogue E32–E35'] },
  {
    id: 'G8',
    title: 'Idempotency safety',
    tests: [
      'packages/fetch/test/idempotency-key.test.ts, packages/ky/test/idempotency-key.test.ts, packages/axios/test/idempotency-key.test.ts (one key per call, identical on every attempt)',
      'catalogue C19 (a reset POST: one key on both attempts, through every adapter)',
    ],
    open: 'by default a POST is retried after a connection reset without a key: every LLM call is a POST and the major providers accept no idempotency key, so refusing would disable retries for the whole job (the cost: a possibly double-billed request; the gateway presets retry billed 504/524 once only). `idempotencyKeyHeader` on createFetch, kyOptions/staunchKy and attachStaunch (per request via ky `context.staunch` and axios `config.staunch`) adds the key for servers that deduplicate',
  },
  {
    id: 'G9',
    title: 'Streaming commit point',
    tests: [
      'packages/reliability/test/streaming/commit-point.test.ts',
      'catalogue D28–D31 (stall on a virtual clock, abort mid-stream, back-pressure)',
    ],
  },
  {
    id: 'G10',
    title: 'Total, deterministic classification',
    tests: [
      'packages/core/src/policy/default-policy.test.ts',
      'packages/presets/test/golden.test.ts',
      'packages/core/src/engine/engine-server-verdicts.test.ts',
      'packages/core/src/engine/engine-transport-codes.test.ts',
      'catalogue A1–A9, C23',
    ],
  },
  {
    id: 'G11',
    title: 'Header parsing is total',
    tests: [
      'packages/core/src/retry-after/parsers-total.prop.test.ts',
      'packages/core/src/retry-after/parse-retry-after.test.ts',
      'catalogue B10–B17',
    ],
  },
  {
    id: 'G12',
    title: 'Retry quota/budget conformance',
    tests: [
      'packages/core/test/retry-gates (opt-in createRetryQuota, createRetryThrottle, createRetryBudget: the published AWS classic and 2026 retry-quota vectors and the gRPC core, grpc-go and grpc-java throttling tables reproduced exactly; the budget inequality retries ≤ ratio × requests + minPerSecond × ttl, fast-check, 1 000 runs)',
      'packages/core/test/throttle/outage-gate.test.ts (the default gate)',
      'packages/core/test/throttle/scenarios.test.ts (S4, S5)',
    ],
    open: 'the default is the outage gate, not a ratio budget: measured, a ratio budget starved recovery from independent faults (605/800); the three budgets are opt-in for a hard bound on amplification',
  },
  {
    id: 'G13',
    title: 'Throttle rate conformance',
    tests: [
      'packages/core/test/throttle/adaptive-throttle.test.ts (burst + rate × T property)',
      'packages/core/test/throttle/pure-steps.test.ts (AWS CUBIC vector)',
      'packages/core/test/throttle/convergence.test.ts',
      'catalogue H45, H46, H48 (a 429 storm and a herd through every adapter; a 429 on key A never queues key B)',
    ],
  },
  {
    id: 'G14',
    title: 'Bounded waiting',
    tests: [
      'packages/core/test/throttle/adaptive-throttle.test.ts (100 000 waiters, abort frees at once)',
      'catalogue H47 (100 000 waiters on one key settle on one abort; 100 000 distinct keys evicted when idle; through every adapter)',
    ],
  },
  {
    id: 'G15',
    title: 'Exactly-once settlement, no unhandled rejections',
    tests: [
      'packages/reliability/test/soak/soak.test.ts',
      'packages/core/src/engine/engine-hostile-transport.test.ts',
      'catalogue J56, J57 (a random source or listener that throws neither rejects nor repeats the call)',
    ],
  },
  {
    id: 'G16',
    title: 'Socket hygiene',
    tests: [
      'packages/reliability/test/security/bounded-body.test.ts (discarded bodies are cancelled)',
      'packages/reliability/test/guarantees/socket-hygiene.test.ts (200 retried 1 MiB bodies: open sockets stay near the concurrency; 104 without the cancel)',
      'catalogue C19 (a reused keep-alive socket), D31 (a caller that stops reading holds the server back: 3.8 of 256 MB written)',
    ],
  },
  {
    id: 'G17',
    title: 'Monotonic time',
    tests: [
      'packages/core/src/engine/engine-monotonic.test.ts',
      'catalogue G41–G43 (Date.now ±1 h, a 2 s CPU block, caller fake timers, through every adapter)',
    ],
  },
  {
    id: 'G18',
    title: 'Redis-shared limiter',
    tests: [
      'packages/redis/test/four-processes.test.ts',
      'packages/redis/test/outage.test.ts',
      'packages/redis/test/shared-state.test.ts (NOSCRIPT, Redis TIME under skew)',
      'packages/redis/test/differential.test.ts',
      'catalogue I50–I53 (Redis down at start, killed, flushed, 500 ms late, evicted, skewed clocks, foreign key versions; through every adapter)',
    ],
  },
  {
    id: 'G19',
    title: 'Determinism and observability',
    tests: ['packages/core/src/engine/engine-events.test.ts', 'packages/core/src/engine/engine-model.prop.test.ts'],
  },
  {
    id: 'G20',
    title: 'Overhead',
    tests: [
      'bench/src/overhead.ts → bench/results/overhead.md (in process: added p50 43 µs, p99 124 µs)',
      'bench/results/arena.md (scenario none: throughput against raw fetch)',
    ],
  },
];
