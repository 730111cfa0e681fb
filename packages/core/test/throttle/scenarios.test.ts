import { describe, expect, it } from 'vitest';
import { runScenario } from './support/run-scenario.js';
import { perMinutePolicy } from './support/sim-policies.js';

// S1–S5 of the arena, simulated on the virtual clock (server 50 req/s, burst 10, 10–30 ms
// service, 400 requests at concurrency 32). Targets here are generous; the bench measures.
const base = { requests: 400, concurrency: 32, ratePerS: 50, burst: 10 } as const;
const show = (name: string, figures: Record<string, number>): void => {
  console.log(
    name,
    Object.entries(figures)
      .map(([k, v]) => `${k} ${v.toFixed(3)}`)
      .join(', '),
  );
};

describe('simulated arena scenarios with the default throttle and gate', () => {
  it('S1 429 + Retry-After seconds: goodput ≥ 0.9, ≤ 1.05 attempts per request', async () => {
    const r = await runScenario({ ...base, hint: 'retry-after' });
    show('S1', { goodput: r.goodput, attempts: r.attemptsPerRequest, rateLimited: r.rateLimited });
    expect(r.failed).toBe(0);
    expect(r.goodput).toBeGreaterThanOrEqual(0.9);
    expect(r.attemptsPerRequest).toBeLessThanOrEqual(1.05);
  });

  it('S2 429 without a hint: goodput ≥ 0.9, ≤ 1.1 attempts per request', async () => {
    const r = await runScenario({ ...base, hint: 'none' });
    show('S2', { goodput: r.goodput, attempts: r.attemptsPerRequest, rateLimited: r.rateLimited });
    expect(r.goodput).toBeGreaterThanOrEqual(0.9);
    expect(r.attemptsPerRequest).toBeLessThanOrEqual(1.1);
  });

  it('S3 OpenAI headers + retry-after-ms: goodput ≥ 0.95, 429s ≤ 1 % of arrivals', async () => {
    const r = await runScenario({ ...base, hint: 'openai', policy: perMinutePolicy });
    show('S3', { goodput: r.goodput, attempts: r.attemptsPerRequest, rateLimited: r.rateLimited });
    expect(r.goodput).toBeGreaterThanOrEqual(0.95);
    expect(r.rateLimited).toBeLessThanOrEqual(0.01 * r.server.arrivals.length);
  });

  it('S4 20 % transient faults + 5 % poison: every non-poison request succeeds, ≤ 1.3 attempts per request', async () => {
    const r = await runScenario({
      ...base,
      requests: 800,
      ratePerS: 1e6,
      burst: 1e6,
      hint: 'none',
      fault: (request, random) => (request % 20 === 0 ? 400 : random() < 0.2 ? 503 : undefined),
    });
    const nonPoison = r.results.filter((_, i) => i % 20 !== 0);
    show('S4', { ok: nonPoison.filter((x) => x.ok).length, of: nonPoison.length, attempts: r.attemptsPerRequest });
    expect(nonPoison.every((x) => x.ok)).toBe(true);
    expect(r.attemptsPerRequest).toBeLessThanOrEqual(1.3);
  });

  it('S5 a 3 s total 503 outage: ≤ 1.3 arrivals per request during it, then drains at the server rate', async () => {
    const outage = { from: 2000, to: 5000 };
    const r = await runScenario({
      ...base,
      hint: 'retry-after',
      outage: (now) => now >= outage.from && now < outage.to,
    });
    const during = r.server.arrivals.filter((a) => a.at >= outage.from && a.at < outage.to);
    const requests = new Set(during.map((a) => a.request)).size;
    const left = r.doneAt.filter((at) => at >= outage.from).length;
    const drainMs = r.elapsedMs - outage.to;
    show('S5', { arrivalsPerRequest: during.length / requests, drainMs, idealDrainMs: (left * 1000) / 50 });
    expect(r.failed).toBe(0);
    expect(during.length / requests).toBeLessThanOrEqual(1.3);
    expect(drainMs).toBeLessThanOrEqual(((left * 1000) / 50) * 1.25);
  });

  it('no limit, no faults: ≤ 6 % slower than no throttle at all', async () => {
    const unlimited = { ...base, requests: 800, ratePerS: 1e6, burst: 1e6, hint: 'none' as const, stepMs: 1 };
    const raw = await runScenario({ ...unlimited, throttle: () => false, retryGate: () => false });
    const r = await runScenario(unlimited);
    show('no-limit', { loss: 1 - raw.elapsedMs / r.elapsedMs });
    expect(raw.elapsedMs / r.elapsedMs).toBeGreaterThanOrEqual(0.94);
  });

  it.each([20, 200])('at %i req/s: goodput ≥ 0.9, ≤ 1.05 attempts per request', async (ratePerS) => {
    const r = await runScenario({ ...base, ratePerS, hint: 'none' });
    show(`${ratePerS} req/s`, { goodput: r.goodput, attempts: r.attemptsPerRequest });
    expect(r.goodput).toBeGreaterThanOrEqual(0.9);
    expect(r.attemptsPerRequest).toBeLessThanOrEqual(1.05);
  });

  it('a short run (40 requests at 5 req/s) loses no request; slow start costs ≤ 0.6 extra attempts per request', async () => {
    const r = await runScenario({ ...base, requests: 40, ratePerS: 5, hint: 'retry-after' });
    show('short', { goodput: r.goodput, attempts: r.attemptsPerRequest });
    expect(r.failed).toBe(0);
    expect(r.attemptsPerRequest).toBeLessThanOrEqual(1.6);
  });
});
