import { ConfigError } from '@staunch/core';
import { describe, expect, it } from 'vitest';
import { BACKUP, fakeChain, OPENAI, settle } from './support/fake-chain.js';

const BODY = JSON.stringify({ model: 'gpt-4o-mini', messages: [] });
const TARGETS = [
  { name: 'openai', baseURL: OPENAI },
  { name: 'backup', baseURL: BACKUP },
];

describe('hedging (opt-in)', () => {
  it('off by default: a slow primary holds the call for its whole answer', async () => {
    const { clock, sent, call } = fakeChain(TARGETS, (s) => ({
      status: 200,
      delayMs: s.target === 'openai' ? 3_000 : 100,
    }));
    const result = await settle(clock, call(`${OPENAI}/chat/completions`, { body: BODY }));
    expect(result).toMatchObject({ ok: true, value: 'openai#-:200' });
    expect(sent.map((s) => s.target)).toEqual(['openai']);
    expect(clock.now()).toBeGreaterThanOrEqual(3_000);
  });

  it('after delayMs without an answer one extra attempt goes to the next target; the first answer wins, the other is aborted', async () => {
    const { clock, sent, call, router } = fakeChain(
      TARGETS,
      (s) => ({ status: 200, delayMs: s.target === 'openai' ? 3_000 : 100 }),
      { failover: { hedge: { delayMs: 500, maxExtra: 1 } } },
    );
    const result = await settle(clock, call(`${OPENAI}/chat/completions`, { body: BODY }));
    expect(result).toMatchObject({ ok: true, value: 'backup#-:200' });
    expect(sent.map((s) => [s.target, s.at])).toEqual([
      ['openai', 0],
      ['backup', 500],
    ]);
    expect(clock.now()).toBeLessThan(1_000);
    // The aborted leg says nothing against the primary.
    expect(router.breakerState('openai')).toBe('closed');
  });

  it('a primary that answers within delayMs sends no hedge', async () => {
    const { clock, sent, call } = fakeChain(TARGETS, () => ({ status: 200, delayMs: 200 }), {
      failover: { hedge: { delayMs: 500, maxExtra: 1 } },
    });
    await settle(clock, call(`${OPENAI}/chat/completions`, { body: BODY }));
    expect(sent.map((s) => s.target)).toEqual(['openai']);
  });

  it('hedges stay within maxExtra of the calls', async () => {
    const { clock, sent, call } = fakeChain(
      TARGETS,
      (s) => ({ status: 200, delayMs: s.target === 'openai' ? 3_000 : 100 }),
      { failover: { hedge: { delayMs: 500, maxExtra: 0.1 } } },
    );
    for (let i = 0; i < 100; i++) await settle(clock, call(`${OPENAI}/chat/completions`, { body: BODY }));
    // A reserve of 10 (full at the start, so the first call's tenth is lost), then one in ten calls.
    const hedges = sent.filter((s) => s.target === 'backup').length;
    expect(hedges).toBeGreaterThanOrEqual(19);
    expect(hedges).toBeLessThanOrEqual(20);
  });

  it('rejects a hedge that cannot work', () => {
    expect(() => fakeChain(TARGETS, () => ({ status: 200 }), { failover: { hedge: { delayMs: -1 } } })).toThrow(
      ConfigError,
    );
    expect(() =>
      fakeChain(TARGETS, () => ({ status: 200 }), { failover: { hedge: { delayMs: 10, maxExtra: 2 } } }),
    ).toThrow(/failover\.hedge\.maxExtra/);
  });
});
