import { HINT_STYLES, LIMITER_KINDS } from '@staunch/testing';
import { describe, expect, it } from 'vitest';
import { heatMap } from '../src/sweep/heat-map.js';
import { heatPanels } from '../src/sweep/heat-panels.js';
import { judge } from '../src/sweep/judge.js';
import { SWEEP_BURSTS, SWEEP_RATES, sweepPoints } from '../src/sweep/points.js';
import type { RunFigures } from '../src/sweep/run-figures.js';
import { SWEEP_GROUPS } from '../src/sweep/sweep-point.js';
import { xmlProblems } from './support/xml-well-formed.js';

const SWEPT_HINTS = HINT_STYLES.filter((h) => h !== 'openai-ms');

describe('sweepPoints', () => {
  const full = sweepPoints('full');
  const quick = sweepPoints('quick');

  it('builds the full grid: rate × burst × two hints, seven more hints × three rates, and the rest', () => {
    const count = (group: string) => full.filter((p) => p.group === group).length;
    expect(count('core')).toBe(SWEEP_RATES.length * SWEEP_BURSTS.length * 2);
    expect(count('hint')).toBe(7 * 3);
    expect(count('limiter')).toBe(2 * 3 + 2);
    expect(count('schedule')).toBe(3 * 2);
    expect(count('short')).toBe(3);
    expect(count('long')).toBe(2);
    expect(count('unlimited')).toBe(1);
    expect(new Set(full.map((p) => p.id)).size).toBe(full.length);
  });

  it.each([
    ['full', full],
    ['quick', quick],
  ] as const)('%s: every axis value is present', (_, points) => {
    const values = <T>(pick: (axes: (typeof points)[number]['axes']) => T) => new Set(points.map((p) => pick(p.axes)));
    for (const rate of SWEEP_RATES) expect(values((a) => a.rate).has(rate)).toBe(true);
    for (const burst of SWEEP_BURSTS) expect(values((a) => a.burst).has(burst)).toBe(true);
    for (const hint of SWEPT_HINTS) expect(values((a) => a.hint).has(hint)).toBe(true);
    for (const limiter of LIMITER_KINDS) expect(values((a) => a.limiter).has(limiter)).toBe(true);
    for (const schedule of ['steady', 'drop', 'rise', 'outage'] as const)
      expect(values((a) => a.schedule).has(schedule)).toBe(true);
    const groups = new Set(points.map((p) => p.group));
    // The quick form leaves the 5,000-request runs out.
    expect(SWEEP_GROUPS.filter((g) => !groups.has(g))).toEqual(points === quick ? ['long'] : []);
  });

  it('keeps the quick form small and gives every limited point the oracle and Staunch under preset and default', () => {
    expect(quick.length).toBeLessThan(30);
    for (const point of full) {
      const labels = point.contenders.map((c) => c.label);
      if (point.group === 'unlimited') expect(labels).toEqual(['fetch', 'staunch · default']);
      else expect(labels).toEqual(expect.arrayContaining(['bottleneck-oracle', 'staunch · default']));
    }
    const groq = full.find((p) => p.axes.hint === 'groq');
    expect(groq?.contenders.map((c) => c.policy)).toEqual(['groq', 'default', undefined]);
  });

  it('sizes runs by rate, and fixed windows by the window', () => {
    const core = full.filter((p) => p.group === 'core');
    for (const p of core) expect(p.axes.requests).toBeGreaterThanOrEqual(20);
    expect(full.find((p) => p.id === 'core r25 b5 retry-after')?.axes.requests).toBe(205);
    const windowed = full.filter((p) => p.axes.limiter === 'fixed-window');
    expect(windowed.every((p) => p.alignToWindowMs === 60_000)).toBe(true);
    expect(windowed.find((p) => p.axes.rate === 8)?.axes.requests).toBe(720);
    expect(quick.find((p) => p.axes.limiter === 'fixed-window')?.alignToWindowMs).toBe(5_000);
  });

  it('runs 400 req/s points alone and the unlimited point as median rounds, never both', () => {
    for (const point of full) {
      expect(point.alone === true).toBe(point.axes.rate === 400);
      expect(point.medianOfRounds !== undefined).toBe(point.group === 'unlimited');
    }
  });
});

describe('judge and heat map', () => {
  const points = sweepPoints('quick');
  const figure = (point: string, label: string, run: number, goodput: number, share = 0): RunFigures => ({
    point,
    label,
    run,
    requests: 100,
    successes: 100,
    goodput,
    throughput: goodput * 100,
    arrivals: 100,
    rateLimitedShare: share,
    attemptsPerRequest: 1,
    p95Ms: 20,
    wallMs: 1000,
    cut: 0,
    riseAdmitted: null,
    drainMs: null,
    outageAmplification: null,
  });
  const figures = [
    figure('core r25 b5 retry-after', 'bottleneck-oracle', 1, 1),
    figure('core r25 b5 retry-after', 'staunch · default', 1, 0.97, 0.01),
    figure('core r25 b5 none', 'bottleneck-oracle', 1, 1),
    figure('core r25 b5 none', 'staunch · default', 1, 0.7, 0.2),
  ];
  const verdicts = judge(points, figures);

  it('passes and fails cells by the worst run', () => {
    expect(verdicts.find((v) => v.point.id === 'core r25 b5 retry-after')?.pass).toBe(true);
    const failed = verdicts.find((v) => v.point.id === 'core r25 b5 none');
    expect(failed?.pass).toBe(false);
    expect(failed?.vsOracle).toEqual({ min: 0.7, max: 0.7 });
    expect(verdicts.find((v) => v.point.id === 'drop r25')?.pass).toBeUndefined();
  });

  it('writes well-formed XML with one cell per judged subject, escaping labels', () => {
    const svg = heatMap({
      title: 'sweep <quick> & "friends"',
      notes: ["it's a note"],
      panels: heatPanels(verdicts),
      markerOver: 0.02,
    });
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain('sweep &lt;quick&gt; &amp; &quot;friends&quot;');
    expect(svg).toContain('it&apos;s a note');
    // One outlined cell for the failing subject, one 429 corner for it.
    expect(svg.match(/stroke-width="2.5"/g)).toHaveLength(1);
    expect(svg.match(/<path /g)).toHaveLength(1);
  });
});
