import { type ChildProcess, fork } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisThrottle, DEFAULT_LEASE_MS } from '../src/index.js';
import { CLIENT_KINDS, type TestClient } from './support/clients.js';
import { testRedis, uniquePrefix } from './support/test-redis.js';

// A worker process holding every slot of a scope in slow start is killed with SIGKILL: it
// never records, never says goodbye. Another process gets a slot within one lease of the kill,
// and not while the worker lives (its heartbeat keeps its lease). Real time, real processes.

const WORKER = new URL('./support/holding-worker.ts', import.meta.url);
/** tsx compiles the worker on boot; on two busy cores that takes several seconds. */
const BOOT_MS = 40_000;
/** Slow start's first window (core's DEFAULT_TUNING.initialWindow). */
const WINDOW = 8;
/** Timer and scheduling slack on a busy machine, on top of the lease. */
const SLACK_MS = 1500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function holding(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('worker did not report holding in time')), BOOT_MS);
    child.on('message', (m: { type: string }) => {
      if (m.type !== 'holding') return;
      clearTimeout(timer);
      resolve();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited (${code}) before holding`));
    });
  });
}

const redis = await testRedis();
afterAll(() => redis?.close());

describe.skipIf(redis === undefined).each(CLIENT_KINDS)('a process killed holding slots ($name)', (kind) => {
  let client: TestClient;
  let child: ChildProcess | undefined;
  const prefix = uniquePrefix(`killed-${kind.name}`);
  beforeAll(async () => {
    client = await kind.connect(redis?.url ?? '');
  });
  afterAll(async () => {
    if (child?.exitCode === null) child.kill('SIGKILL');
    await client.flush(prefix);
    await client.close();
  });

  it('frees its slots within one lease of SIGKILL, and not before', async () => {
    const scope = 'held';
    const order = { url: redis?.url, kind: kind.name, prefix, scope, hold: WINDOW };
    child = fork(WORKER, [JSON.stringify(order)], {
      execArgv: ['--import', 'tsx', '--conditions=@staunch/source'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    await holding(child);
    const throttle = createRedisThrottle({ client: client.script, keyPrefix: prefix });
    let grantedAt: number | undefined;
    const waiting = throttle.acquire(scope, { requests: 1, tokens: 0 }).then(() => {
      grantedAt = performance.now();
    });
    // Longer than a lease: the live worker's heartbeat keeps its slots.
    await sleep(DEFAULT_LEASE_MS + 500);
    expect(grantedAt).toBeUndefined();
    expect(await throttle.inspect(scope)).toMatchObject({ inflight: WINDOW, window: WINDOW });
    expect(await throttle.activeProcesses(scope)).toBe(2);
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    const killedAt = performance.now();
    child.kill('SIGKILL');
    await exited;
    await Promise.race([waiting, sleep(DEFAULT_LEASE_MS + SLACK_MS)]);
    expect(grantedAt).toBeDefined();
    const freedMs = (grantedAt ?? Number.POSITIVE_INFINITY) - killedAt;
    console.info(`[${kind.name}] slot free ${freedMs.toFixed(0)} ms after SIGKILL (lease ${DEFAULT_LEASE_MS} ms)`);
    expect(freedMs).toBeLessThan(DEFAULT_LEASE_MS + SLACK_MS);
    expect(await throttle.inspect(scope)).toMatchObject({ inflight: 1 });
    expect(await throttle.activeProcesses(scope)).toBe(1);
  }, 90_000);
});
