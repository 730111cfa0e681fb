import { ConfigError, VirtualClock } from '@staunch/core';
import { describe, expect, it } from 'vitest';
import { Breaker, type Permit } from '../src/breaker/breaker.js';
import { type BreakerOptions, resolveBreakerOptions } from '../src/breaker/breaker-options.js';

const OUTAGE = { reason: 'server-error', status: 503 } as const;

function breaker(options: BreakerOptions = {}) {
  const clock = new VirtualClock();
  return { clock, breaker: new Breaker(resolveBreakerOptions('breaker', options), clock) };
}

function fail(b: Breaker, times: number): void {
  for (let i = 0; i < times; i++) {
    const permit = b.tryAcquire();
    if (permit === undefined) throw new Error('refused');
    b.failure(permit, OUTAGE);
  }
}

describe('breaker state machine', () => {
  it('opens on the fifth failure in a row, not before; a success resets the count', () => {
    const { breaker: b } = breaker();
    fail(b, 4);
    b.success(b.tryAcquire() as Permit);
    fail(b, 4);
    expect(b.state).toBe('closed');
    fail(b, 1);
    expect(b.state).toBe('open');
    expect(b.tryAcquire()).toBeUndefined();
    expect(b.cause).toEqual(OUTAGE);
  });

  it('opens on the failure ratio over the window once the minimum count is reached', () => {
    const { clock, breaker: b } = breaker({ consecutiveFailures: 100, minimumCount: 10, failureRatio: 0.5 });
    for (let i = 0; i < 4; i++) {
      b.success(b.tryAcquire() as Permit);
      fail(b, 1);
    }
    expect(b.state).toBe('closed'); // 4 of 8: below the minimum count
    b.success(b.tryAcquire() as Permit);
    fail(b, 1);
    expect(b.state).toBe('open'); // 5 of 10
    void clock;
  });

  it('forgets failures older than the window', async () => {
    const { clock, breaker: b } = breaker({ consecutiveFailures: 100, minimumCount: 4, windowMs: 10_000 });
    fail(b, 3);
    await clock.advance(11_000);
    b.success(b.tryAcquire() as Permit);
    fail(b, 1);
    expect(b.state).toBe('closed'); // 1 of 2 in the window, below the minimum count
  });

  it('half-opens after openMs, lets one probe through at a time under concurrency, and closes on its success', async () => {
    const { clock, breaker: b } = breaker();
    fail(b, 5);
    await clock.advance(9_999);
    expect(b.tryAcquire()).toBeUndefined();
    await clock.advance(1);
    expect(b.state).toBe('half-open');
    const permits = Array.from({ length: 20 }, () => b.tryAcquire());
    const granted = permits.filter((p) => p !== undefined);
    expect(granted).toEqual([{ probe: true }]);
    b.success(granted[0] as Permit);
    expect(b.state).toBe('closed');
    expect(b.tryAcquire()).toEqual({ probe: false });
  });

  it('a failed probe opens it again for twice as long, up to maxOpenMs; a success resets the growth', async () => {
    const { clock, breaker: b } = breaker({ openMs: 1_000, maxOpenMs: 3_000 });
    fail(b, 5);
    const opened: number[] = [];
    for (let i = 0; i < 3; i++) {
      const start = clock.now();
      while (b.state !== 'half-open') await clock.advance(100);
      opened.push(clock.now() - start);
      b.failure(b.tryAcquire() as Permit, OUTAGE);
    }
    expect(opened).toEqual([1_000, 2_000, 3_000]);
    while (b.state !== 'half-open') await clock.advance(100);
    b.success(b.tryAcquire() as Permit);
    fail(b, 5);
    await clock.advance(1_000);
    expect(b.state).toBe('half-open');
  });

  it('a probe released without a verdict lets the next caller probe', async () => {
    const { clock, breaker: b } = breaker();
    fail(b, 5);
    await clock.advance(10_000);
    const probe = b.tryAcquire() as Permit;
    expect(b.tryAcquire()).toBeUndefined();
    b.release(probe);
    expect(b.tryAcquire()).toEqual({ probe: true });
  });

  it('a hold opens at once for holdMs, or until the server time when later, and keeps the hint', async () => {
    const { clock, breaker: b } = breaker({ holdMs: 120_000 });
    const quota = { reason: 'quota', status: 429, hint: 'Add credit.' } as const;
    b.hold(b.tryAcquire() as Permit, quota);
    expect(b.state).toBe('open');
    expect(b.cause).toEqual(quota);
    await clock.advance(119_999);
    expect(b.tryAcquire()).toBeUndefined();
    await clock.advance(1);
    const probe = b.tryAcquire() as Permit;
    expect(probe.probe).toBe(true);
    b.hold(probe, quota, clock.now() + 600_000);
    await clock.advance(599_999);
    expect(b.state).toBe('open');
    await clock.advance(1);
    expect(b.state).toBe('half-open');
  });

  it('a success or failure from a call that began before it opened changes nothing', () => {
    const { breaker: b } = breaker();
    const early = b.tryAcquire() as Permit;
    fail(b, 5);
    b.success(early);
    expect(b.state).toBe('open');
  });
});

describe('breaker options', () => {
  it('rejects values that cannot work, naming the field, the value and the fix', () => {
    expect(() => resolveBreakerOptions('targets[0].breaker', { failureRatio: 0 })).toThrow(
      /targets\[0\]\.breaker\.failureRatio.*got 0/,
    );
    expect(() => resolveBreakerOptions('breaker', { openMs: 10_000, maxOpenMs: 5_000 })).toThrow(/maxOpenMs.*Raise/);
    expect(() => resolveBreakerOptions('breaker', { consecutive: 3 } as never)).toThrow(ConfigError);
    expect(resolveBreakerOptions('breaker', {}).consecutiveFailures).toBe(5);
  });
});
