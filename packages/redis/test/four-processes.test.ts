import { type ChildProcess, fork } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisThrottle } from '../src/index.js';
import { CLIENT_KINDS, type TestClient } from './support/clients.js';
import { feedback, toldRate } from './support/feedback.js';
import { testRedis, uniquePrefix } from './support/test-redis.js';

// Four node processes, one scope, one Redis: however their callers race, the aggregate sent in
// every 1 s window stays within rate + burst + one per process (G18).

const PROCESSES = 4;
const RATE = 50;
/** core's bucket holds 100 ms of rate: 5 at 50/s. */
const BURST = 5;
const DURATION_MS = 4000;
const WORKER = new URL('./support/limit-worker.ts', import.meta.url);
/** tsx compiles each worker on boot; four on two busy cores take several seconds. */
const BOOT_MS = 40_000;

interface Done {
  readonly type: 'done';
  readonly sent: number[];
  readonly degraded: boolean;
}

function message<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker sent no '${type}' in time`)), BOOT_MS);
    child.on('message', (m: { type: string }) => {
      if (m.type !== type) return;
      clearTimeout(timer);
      resolve(m as T);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited (${code}) before '${type}'`));
    });
  });
}

/** The most sends in any 1 s window starting at a send. */
function busiestSecond(sent: readonly number[]): number {
  const sorted = [...sent].sort((a, b) => a - b);
  let best = 0;
  let end = 0;
  for (let start = 0; start < sorted.length; start++) {
    while (end < sorted.length && (sorted[end] ?? 0) < (sorted[start] ?? 0) + 1000) end++;
    best = Math.max(best, end - start);
  }
  return best;
}

const redis = await testRedis();
afterAll(() => redis?.close());

describe.skipIf(redis === undefined).each(CLIENT_KINDS)('four processes on one scope ($name)', (kind) => {
  let client: TestClient;
  const children: ChildProcess[] = [];
  const prefix = uniquePrefix(`four-${kind.name}`);
  beforeAll(async () => {
    client = await kind.connect(redis?.url ?? '');
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await client.flush(prefix);
    await client.close();
  });

  it('send at most rate + burst + 1 per process in every 1 s window, and use most of the rate', async () => {
    // The provider's rate is already known (its headers were read once), as in steady state.
    const seed = createRedisThrottle({ client: client.script, keyPrefix: prefix });
    await seed.acquire('key', { requests: 1, tokens: 0 });
    seed.record('key', feedback(undefined, [toldRate(RATE)]));
    await seed.whenIdle();
    const order = {
      url: redis?.url,
      kind: kind.name,
      prefix,
      scope: 'key',
      ratePerS: RATE,
      durationMs: DURATION_MS,
      concurrency: 8,
    };
    for (let i = 0; i < PROCESSES; i++) {
      children.push(
        fork(WORKER, [JSON.stringify(order)], {
          execArgv: ['--import', 'tsx', '--conditions=@staunch/source'],
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        }),
      );
    }
    await Promise.all(children.map((child) => message(child, 'ready')));
    const results = children.map((child) => message<Done>(child, 'done'));
    for (const child of children) child.send({ type: 'go' });
    const done = await Promise.all(results);
    const sent = done.flatMap((d) => d.sent);
    const busiest = busiestSecond(sent);
    console.info(
      `[${kind.name}] ${PROCESSES} processes: busiest 1 s window ${busiest} (bound ${RATE + BURST + PROCESSES}); ${sent.length} sent over ${((Math.max(...sent) - Math.min(...sent)) / 1000).toFixed(2)} s; per process ${done.map((d) => d.sent.length).join('/')}`,
    );
    expect(done.every((d) => !d.degraded)).toBe(true);
    expect(busiest).toBeLessThanOrEqual(RATE + BURST + PROCESSES);
    // Not starved either: the shared bucket hands out most of the rate, to every process.
    expect(sent.length).toBeGreaterThan(0.8 * RATE * (DURATION_MS / 1000));
    for (const d of done) expect(d.sent.length).toBeGreaterThan(0.1 * sent.length);
  }, 90_000);
});
