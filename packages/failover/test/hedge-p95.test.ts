import { describe, expect, it } from 'vitest';
import { LatencyWindow, P95_MIN_SAMPLES } from '../src/chain/hedge.js';
import { BACKUP, fakeChain, OPENAI, settle } from './support/fake-chain.js';

const BODY = JSON.stringify({ model: 'gpt-4o-mini', messages: [] });
const TARGETS = [
  { name: 'openai', baseURL: OPENAI },
  { name: 'backup', baseURL: BACKUP },
];

describe("a hedge delayed by the target's p95", () => {
  it('the window: nothing before 20 answers, then the nearest-rank 95th percentile of the last 256', () => {
    const window = new LatencyWindow();
    for (let i = 1; i < P95_MIN_SAMPLES; i++) window.add(i);
    expect(window.p95()).toBeUndefined();
    window.add(20);
    expect(window.p95()).toBe(19);
    for (let i = 0; i < 256; i++) window.add(1000 + i);
    expect(window.p95()).toBe(1000 + 243); // rank ⌈0.95 × 256⌉ = 244
  });

  it('no hedge until the primary has 20 answers; then slow answers past its p95 are hedged, fast ones are not', async () => {
    // One answer in 20 of the primary takes 3 s, the rest 105–195 ms: its p95 is a fast answer.
    let primaryAnswers = 0;
    const { clock, sent, call } = fakeChain(
      TARGETS,
      (s) => {
        if (s.target !== 'openai') return { status: 200, delayMs: 50 };
        primaryAnswers += 1;
        return { status: 200, delayMs: primaryAnswers % 20 === 0 ? 3_000 : 100 + (primaryAnswers % 20) * 5 };
      },
      { failover: { hedge: { delayMs: 'p95', maxExtra: 0.2 } } },
    );
    const durations: number[] = [];
    for (let i = 0; i < 60; i++) {
      const start = clock.now();
      await settle(clock, call(`${OPENAI}/chat/completions`, { body: BODY }));
      durations.push(clock.now() - start);
    }
    const hedges = sent.filter((s) => s.target === 'backup');
    // The first 20 calls are not hedged: their two 3 s answers are waited out in full.
    expect(durations.slice(0, 20).filter((ms) => ms >= 3_000)).toHaveLength(1);
    expect(hedges.filter((s) => s.at < durations.slice(0, 20).reduce((a, b) => a + b, 0))).toHaveLength(0);
    // Then each slow answer is cut at about the p95 plus the backup's 50 ms, and only those are hedged.
    const later = durations.slice(20);
    expect(later.filter((ms) => ms >= 3_000)).toHaveLength(0);
    expect(Math.max(...later)).toBeLessThan(3_000);
    // (settle() runs the virtual clock in 100 ms steps.)
    expect(Math.max(...later)).toBeLessThanOrEqual(300);
    expect(hedges.length).toBeGreaterThanOrEqual(2);
    expect(hedges.length).toBeLessThanOrEqual(4);
  });

  it("'p95' is accepted by the option check; anything else but milliseconds is not", () => {
    expect(() =>
      fakeChain(TARGETS, () => ({ status: 200 }), { failover: { hedge: { delayMs: 'p95' } } }),
    ).not.toThrow();
    expect(() =>
      fakeChain(TARGETS, () => ({ status: 200 }), { failover: { hedge: { delayMs: 'p99' as 'p95' } } }),
    ).toThrow(/failover\.hedge\.delayMs.*'p95'/);
  });
});
