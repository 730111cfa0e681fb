import type { TimelineEntry } from '@staunch/testing';
import { describe, expect, it } from 'vitest';
import { serverCapacity } from '../src/metrics/capacity.js';
import { outageFigures } from '../src/metrics/outage.js';
import { percentile } from '../src/metrics/percentile.js';
import { summarise } from '../src/metrics/summary.js';
import { throughputSeries } from '../src/metrics/throughput-series.js';
import type { RequestRecord } from '../src/runner/run-load.js';
import type { RunResult } from '../src/runner/run-result.js';
import type { Scenario } from '../src/scenarios/scenario.js';

const SCENARIO: Scenario = {
  id: 'T',
  title: 'test',
  server: { rate: 10, burst: 1 },
  requests: 4,
  concurrency: 2,
  timeoutMs: 1000,
  quick: false,
};

function record(id: string, startMs: number, endMs: number, ok = true, poison = false): RequestRecord {
  return { id, poison, ok, status: ok ? 200 : 503, startMs, endMs };
}

function entry(atMs: number, status = 200, requestId?: string): TimelineEntry {
  return { atMs, status, key: 'k', admitted: status === 200, tokens: 0, ...(requestId !== undefined && { requestId }) };
}

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = [15, 20, 35, 40, 50];
    expect(percentile(values, 30)).toBe(20);
    expect(percentile(values, 40)).toBe(20);
    expect(percentile(values, 50)).toBe(35);
    expect(percentile(values, 100)).toBe(50);
  });

  it('sorts numerically and leaves the input alone', () => {
    const values = [100, 9, 20];
    expect(percentile(values, 50)).toBe(20);
    expect(values).toEqual([100, 9, 20]);
  });

  it('has no value for no samples and refuses a p outside (0, 100]', () => {
    expect(percentile([], 50)).toBeUndefined();
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe('serverCapacity', () => {
  it('integrates the rate over time', () => {
    expect(serverCapacity({ rate: 50, burst: 10 }, 0, 2000)).toBe(100);
  });

  it('follows the capacity schedule and leaves outages out', () => {
    const server = {
      rate: 50,
      burst: 10,
      capacity: [{ atMs: 1000, rate: 100 }],
      outages: [{ fromMs: 1500, toMs: 2000 }],
    };
    // 0–1 s at 50, 1–1.5 s at 100, outage, 2–3 s at 100.
    expect(serverCapacity(server, 0, 3000)).toBeCloseTo(50 + 50 + 100);
  });

  it('is undefined for an unlimited server', () => {
    expect(serverCapacity({ rate: 1_000_000, burst: 1_000_000 }, 0, 1000)).toBeUndefined();
  });
});

describe('summarise', () => {
  const run: RunResult = {
    scenario: SCENARIO,
    client: 'c',
    records: [record('r0', 0, 100), record('r1', 0, 200), record('r2', 100, 400), record('r3', 200, 1000, false, true)],
    arrivals: 6,
    rateLimited: 2,
    timeline: [],
    poisonArrivals: [1],
  };
  const summary = summarise(run);

  it('computes goodput against the capacity over the wall time', () => {
    // 3 successes in 1 s at 10 req/s.
    expect(summary.wallMs).toBe(1000);
    expect(summary.goodput).toBeCloseTo(0.3);
    expect(summary.throughput).toBeCloseTo(3);
  });

  it('counts attempts, 429s and poison', () => {
    expect(summary.attemptsPerRequest).toBe(1.5);
    expect(summary.rateLimitedShare).toBeCloseTo(2 / 6);
    expect(summary.poisonAttempts).toBe(1);
    expect(summary.healthy).toBe(3);
    expect(summary.healthyOk).toBe(3);
  });

  it('takes latency percentiles from successful calls only', () => {
    expect(summary.p50).toBe(200);
    expect(summary.p99).toBe(300);
  });
});

describe('outageFigures', () => {
  it('divides outage arrivals by the requests (ids) that arrived during it, and measures the drain', () => {
    const records = [record('a', 0, 500), record('b', 900, 2500), record('c', 2100, 2200), record('d', 0, 3000)];
    const timeline = [
      entry(500, 200, 'a'),
      entry(1000, 503, 'b'),
      entry(1500, 503, 'b'),
      entry(1999, 503, 'd'),
      entry(2000, 200, 'b'),
      entry(2500, 200, 'd'),
    ];
    const figures = outageFigures({ fromMs: 1000, toMs: 2000 }, records, timeline);
    expect(figures.amplification).toBeCloseTo(3 / 2);
    expect(figures.drainMs).toBe(1000);
  });

  it('counts each arrival without an id as its own request', () => {
    const timeline = [entry(1000, 503), entry(1500, 503), entry(1600, 503, 'x'), entry(1700, 503, 'x')];
    expect(outageFigures({ fromMs: 1000, toMs: 2000 }, [], timeline).amplification).toBeCloseTo(4 / 3);
  });
});

describe('throughputSeries', () => {
  it('bins successes per second from the origin', () => {
    const timeline = [entry(1000), entry(1100), entry(1200, 429), entry(1600), entry(2700)];
    expect(throughputSeries(timeline, 1000, 500)).toEqual([
      { t: 0, value: 4 },
      { t: 0.5, value: 2 },
      { t: 1, value: 0 },
      { t: 1.5, value: 2 },
    ]);
  });
});
