import { ConfigError, VirtualClock } from '@staunch/core';
import { describe, expect, it } from 'vitest';
import { Breaker, type Permit } from '../src/breaker/breaker.js';
import { resolveBreakerOptions } from '../src/breaker/breaker-options.js';
import type { BreakerShare, SharedWord } from '../src/breaker/breaker-share.js';
import { createRouter } from '../src/index.js';
import { fakeChain, OPENAI, settle } from './support/fake-chain.js';

const OUTAGE = { reason: 'server-error', status: 503 } as const;
const QUOTA = { reason: 'quota', status: 429, hint: 'Add credit.' } as const;

/**
 * What a store does, in memory: the later opening of an id is kept; a closing replaces it; the
 * first claim of an opening's probe wins it. `claims: false` is a store that takes none.
 */
function memoryShare({ claims = true } = {}) {
  const words = new Map<string, SharedWord>();
  const told: string[] = [];
  const winners = new Map<string, BreakerShare>();
  const share: BreakerShare = {
    opened(id, opening) {
      told.push(`opened ${id}`);
      const current = words.get(id);
      if (current === undefined || !('untilEpochMs' in current) || current.untilEpochMs < opening.untilEpochMs)
        words.set(id, opening);
    },
    closed(id, closing) {
      told.push(`closed ${id}`);
      words.set(id, closing);
    },
    heard: (id) => words.get(id),
  };
  /** Each process's view of the store: its own claims, the words everyone shares. */
  const processShare = (): BreakerShare => {
    if (!claims) return share;
    const mine: BreakerShare = {
      ...share,
      claimProbe(id, at) {
        if (!winners.has(`${id} ${at}`)) winners.set(`${id} ${at}`, mine);
      },
      probeClaimed: (id, at) => (winners.has(`${id} ${at}`) ? winners.get(`${id} ${at}`) === mine : undefined),
    };
    return mine;
  };
  return { share, told, processShare };
}

function pair({ claims = false } = {}) {
  const clock = new VirtualClock();
  const { told, processShare } = memoryShare({ claims });
  const options = resolveBreakerOptions('breaker', {});
  const make = () => new Breaker(options, clock, { share: processShare(), id: 'primary' });
  return { clock, told, a: make(), b: make(), options };
}

function fail(b: Breaker, times: number): void {
  for (let i = 0; i < times; i++) b.failure(b.tryAcquire() as Permit, OUTAGE);
}

describe('breakers that share', () => {
  it("one process's opening opens the other's breaker at once, until the same instant, with its cause", () => {
    const { a, b, options, told } = pair();
    fail(a, options.consecutiveFailures);
    expect(told).toEqual(['opened primary']);
    expect(b.state).toBe('open');
    expect(b.cause).toEqual(OUTAGE);
    expect(b.openUntil).toBe(a.openUntil);
  });

  it("a hold (quota) travels with its hint; the other's probe after it is its own", async () => {
    const { clock, a, b, options } = pair();
    a.hold(a.tryAcquire() as Permit, QUOTA);
    expect(b.state).toBe('open');
    expect(b.cause?.hint).toBe('Add credit.');
    await clock.advance(options.holdMs);
    expect(b.state).toBe('half-open');
    expect(b.tryAcquire()?.probe).toBe(true);
  });

  it("a probe's success closes the breaker everywhere; a failed probe reopens it everywhere, for longer", async () => {
    const { clock, a, b, options, told } = pair();
    fail(a, options.consecutiveFailures);
    await clock.advance(options.openMs);
    const probe = a.tryAcquire() as Permit;
    a.failure(probe, OUTAGE);
    expect(b.state).toBe('open');
    expect(b.openUntil - clock.now()).toBe(2 * options.openMs);
    // Both are half-open now; a's probe goes first, and its success closes b without a probe of b's.
    await clock.advance(2 * options.openMs);
    a.success(a.tryAcquire() as Permit);
    expect(told.at(-1)).toBe('closed primary');
    expect(b.state).toBe('closed');
    expect(b.tryAcquire()).toEqual({ probe: false });
  });

  it('an echo of its own opening changes nothing; without a share a breaker is as before', () => {
    const { a, options, told } = pair();
    fail(a, options.consecutiveFailures);
    const until = a.openUntil;
    expect(a.state).toBe('open');
    expect(a.openUntil).toBe(until);
    expect(told).toEqual(['opened primary']);
  });
});

describe('one probe across processes, where the share takes claims', () => {
  it('the process that opened it probes; the other waits for its word, and closes on its success', async () => {
    const { clock, a, b, options } = pair({ claims: true });
    fail(a, options.consecutiveFailures);
    expect(b.state).toBe('open');
    await clock.advance(options.openMs);
    expect(a.state).toBe('half-open');
    expect(b.state).toBe('open');
    expect(b.tryAcquire()).toBeUndefined();
    a.success(a.tryAcquire() as Permit);
    expect(b.state).toBe('closed');
  });

  it("a failed probe's longer opening is taken up, and its probe is again the first claimer's", async () => {
    const { clock, a, b, options } = pair({ claims: true });
    fail(a, options.consecutiveFailures);
    expect(b.state).toBe('open');
    await clock.advance(options.openMs);
    a.failure(a.tryAcquire() as Permit, OUTAGE);
    expect(b.state).toBe('open');
    await clock.advance(2 * options.openMs);
    expect([a.state, b.state]).toEqual(['half-open', 'open']);
  });

  it('when the winner never reports (its process died), the other probes itself openMs later', async () => {
    const { clock, a, b, options } = pair({ claims: true });
    fail(a, options.consecutiveFailures);
    expect(b.state).toBe('open');
    await clock.advance(options.openMs);
    a.tryAcquire();
    await clock.advance(options.openMs - 1);
    expect(b.state).toBe('open');
    await clock.advance(1);
    expect(b.state).toBe('half-open');
    expect(b.tryAcquire()?.probe).toBe(true);
  });

  it('a share without claims (or one that has not answered) leaves each process its own probe', async () => {
    const { clock, a, b, options } = pair({ claims: false });
    fail(a, options.consecutiveFailures);
    expect(b.state).toBe('open');
    await clock.advance(options.openMs);
    expect([a.tryAcquire()?.probe, b.tryAcquire()?.probe]).toEqual([true, true]);
  });
});

describe('a chain with a share', () => {
  it("the throttle's share is used by default; a second router skips the target the first found out of quota", async () => {
    const { share, told } = memoryShare();
    const targets = [
      { name: 'openai', baseURL: OPENAI, policy: 'openai' },
      { name: 'backup', baseURL: 'https://backup.example/v1', policy: 'together' },
    ] as const;
    const quota = { status: 429, body: { error: { code: 'insufficient_quota', message: 'out of quota' } } };
    const answer = (s: { target: string }) => (s.target === 'openai' ? quota : { status: 200 });
    const throttle = Object.assign({ acquire: () => Promise.resolve(), record: () => {} }, { breakerShare: share });
    const first = fakeChain(targets, answer, { throttle });
    await settle(first.clock, first.call(`${OPENAI}/chat/completions`, { body: '{}' }));
    expect(told).toEqual([`opened slot openai ${OPENAI}`]);
    const second = fakeChain(targets, answer, { throttle });
    const result = await settle(second.clock, second.call(`${OPENAI}/chat/completions`, { body: '{}' }));
    expect(result.ok).toBe(true);
    expect(second.sent.map((s) => s.target)).toEqual(['backup']);
    const alone = fakeChain(targets, answer, { throttle, failover: { breakerShare: false } });
    await settle(alone.clock, alone.call(`${OPENAI}/chat/completions`, { body: '{}' }));
    expect(alone.sent.map((s) => s.target)).toEqual(['openai', 'backup']);
  });

  it('a share that is not one, or an unknown failover option, is a ConfigError naming it', () => {
    const targets = [{ name: 'openai', baseURL: OPENAI }];
    expect(() => createRouter({ targets, failover: { breakerShare: {} as BreakerShare } })).toThrow(ConfigError);
    expect(() => createRouter({ targets, failover: { breakerShare: {} as BreakerShare } })).toThrow(
      /failover\.breakerShare/,
    );
    expect(() => createRouter({ targets, failover: { timeoutMS: 5 } as never })).toThrow(/timeoutMS.*timeoutMs/s);
  });
});
