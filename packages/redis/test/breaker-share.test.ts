import { systemClock } from '@staunch/core';
import { Breaker, type BreakerShare, type Permit, resolveBreakerOptions, routeOf } from '@staunch/failover';
import { createFetch } from '@staunch/fetch';
import { type FaultServer, startFaultServer } from '@staunch/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisBreakerShare, createRedisThrottle, type RedisBreakerShare } from '../src/index.js';
import { CLIENT_KINDS, type TestClient } from './support/clients.js';
import { testRedis, uniquePrefix } from './support/test-redis.js';

// Breakers shared through a real Redis: two shares (or two throttles) on their own connections
// stand for two processes. What one announces, the other hears within its poll; a chain whose
// throttle is the Redis one shares its breakers without being told.
const POLL_MS = 20;
/** The Redis share is a failover `BreakerShare` (checked by the compiler: the types are separate). */
export const asBreakerShare = (share: RedisBreakerShare): BreakerShare => share;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const QUOTA = JSON.stringify({ error: { code: 'insufficient_quota', message: 'You exceeded your current quota' } });

const redis = await testRedis();
afterAll(() => redis?.close());

describe.skipIf(redis === undefined).each(CLIENT_KINDS)('breakers shared through Redis ($name)', (kind) => {
  const clients: TestClient[] = [];
  const shares: RedisBreakerShare[] = [];
  let fault: FaultServer;
  beforeAll(async () => {
    fault = await startFaultServer();
    for (let i = 0; i < 2; i++) clients.push(await kind.connect(redis?.url as string));
  });
  afterAll(async () => {
    for (const share of shares) share.close();
    await fault.close();
    await Promise.all(clients.map((client) => client.close()));
  });
  const pair = (keyPrefix: string) =>
    clients.map((client) => {
      const share = createRedisBreakerShare({ client: client.script, keyPrefix, pollMs: POLL_MS });
      shares.push(share);
      return share;
    });

  it('an opening is heard by the other process within a poll; a later one wins; a closing replaces it', async () => {
    const [a, b] = pair(uniquePrefix('breaker-words')) as [RedisBreakerShare, RedisBreakerShare];
    expect(b.heard('primary')).toBeUndefined();
    const until = Date.now() + 5_000;
    const cause = { reason: 'quota', status: 429, hint: 'Add credit.' };
    a.opened('primary', { untilEpochMs: until, cause });
    await sleep(POLL_MS * 5);
    expect(b.heard('primary')).toEqual({ untilEpochMs: until, cause });
    b.opened('primary', { untilEpochMs: until - 1_000, cause: { reason: 'overloaded' } });
    await sleep(POLL_MS * 5);
    expect(a.heard('primary')).toMatchObject({ untilEpochMs: until });
    const closedAt = Date.now();
    b.closed('primary', { closedAtEpochMs: closedAt });
    await sleep(POLL_MS * 5);
    expect(a.heard('primary')).toEqual({ closedAtEpochMs: closedAt });
  });

  it("one process wins an opening's probe (SET NX); another instant is another claim", async () => {
    const [a, b] = pair(uniquePrefix('breaker-claims')) as [RedisBreakerShare, RedisBreakerShare];
    const at = Date.now() + 5_000;
    a.claimProbe('primary', at);
    await sleep(POLL_MS * 3);
    b.claimProbe('primary', at);
    b.claimProbe('primary', at + 1);
    expect(b.probeClaimed('primary', at)).toBeUndefined(); // not answered yet
    await sleep(POLL_MS * 3);
    expect([a.probeClaimed('primary', at), b.probeClaimed('primary', at)]).toEqual([true, false]);
    expect(b.probeClaimed('primary', at + 1)).toBe(true);
  });

  it('breakers on two shares send one probe between them; its success closes both', async () => {
    const shared = pair(uniquePrefix('breaker-probe'));
    // openMs 1 s: the other process waits for the winner's word until a second past the opening,
    // so a loaded machine's late timers do not end the wait before the checks below.
    const options = resolveBreakerOptions('breaker', { openMs: 1_000, consecutiveFailures: 1 });
    const [a, b] = shared.map((share) => new Breaker(options, systemClock, { share, id: 'primary' })) as [
      Breaker,
      Breaker,
    ];
    a.failure(a.tryAcquire() as Permit, { reason: 'server-error', status: 503 });
    await sleep(POLL_MS * 5);
    expect(b.state).toBe('open');
    await sleep(1_000);
    expect([a.state, b.state]).toEqual(['half-open', 'open']);
    expect(b.tryAcquire()).toBeUndefined();
    a.success(a.tryAcquire() as Permit);
    await sleep(POLL_MS * 5);
    expect(b.state).toBe('closed');
  });

  it('an opening expires with its key', async () => {
    const [a, b] = pair(uniquePrefix('breaker-expiry')) as [RedisBreakerShare, RedisBreakerShare];
    expect(b.heard('short')).toBeUndefined(); // b follows it from now, as a breaker does from its start
    a.opened('short', { untilEpochMs: Date.now() + 100, cause: { reason: 'overloaded' } });
    await sleep(POLL_MS * 3);
    expect(b.heard('short')).toBeDefined();
    await sleep(250);
    expect(b.heard('short')).toBeUndefined();
  });

  it('a chain on the Redis throttle: the second process never sends to the key the first found out of quota', async () => {
    const keyPrefix = uniquePrefix('breaker-chain');
    fault.script('quota', [{ status: 429, body: QUOTA, headers: { 'content-type': 'application/json' } }]);
    fault.script('backup', [{ status: 200 }]);
    const targets = [
      { name: 'primary', baseURL: `${fault.url}/s/quota/v1`, policy: 'openai', keys: ['sk-primary'] },
      { name: 'backup', baseURL: `${fault.url}/s/backup/v1`, policy: 'together' },
    ];
    const processes = clients.map((client) => {
      const throttle = createRedisThrottle({ client: client.script, keyPrefix });
      shares.push(throttle.breakerShare);
      return { throttle, fetch: createFetch({ targets, throttle, retryGate: false }) };
    });
    const [first, second] = processes as [(typeof processes)[0], (typeof processes)[0]];
    const send = (fetch: typeof first.fetch) =>
      fetch(`${fault.url}/s/quota/v1/chat/completions`, { method: 'POST', body: '{"model":"m"}' });
    const served = await send(first.fetch);
    expect(routeOf(served)).toMatchObject({ ok: true, target: 'backup' });
    expect(fault.arrivals('quota')).toBe(1);
    // The default poll is 500 ms: the second process hears of the opening within it.
    await sleep(1_200);
    const routes = await Promise.all(Array.from({ length: 5 }, () => send(second.fetch)));
    expect(routes.map((response) => routeOf(response)?.outcomes.map((o) => o.outcome))).toEqual(
      Array(5).fill(['skipped', 'served']),
    );
    expect(fault.arrivals('quota')).toBe(1);
    await Promise.all(processes.map(({ throttle }) => throttle.whenIdle()));
  });
});
