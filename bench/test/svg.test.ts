import { describe, expect, it } from 'vitest';
import { barPanels } from '../src/svg/bar-panels.js';
import { lineChart } from '../src/svg/line-chart.js';
import { niceTicks } from '../src/svg/nice-ticks.js';
import { xmlProblems } from './support/xml-well-formed.js';

describe('lineChart', () => {
  const svg = lineChart({
    title: 'S1 <Retry-After> & "friends"',
    xLabel: 'seconds',
    yLabel: 'successes / s',
    series: [
      {
        name: 'staunch',
        points: [
          { t: 0, value: 10 },
          { t: 0.5, value: 48 },
        ],
      },
      { name: "o'racle & co", points: [{ t: 0, value: 50 }] },
      { name: 'empty', points: [] },
    ],
    reference: { value: 50, label: 'server limit 50/s' },
  });

  it('is well-formed XML with one svg root', () => {
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });

  it('escapes text', () => {
    expect(svg).toContain('S1 &lt;Retry-After&gt; &amp; &quot;friends&quot;');
    expect(svg).toContain('o&apos;racle &amp; co');
  });

  it('draws one polyline per series with points', () => {
    expect(svg.match(/<polyline /g)).toHaveLength(2);
  });
});

describe('xmlProblems', () => {
  it('catches what a broken writer would produce', () => {
    expect(xmlProblems('<svg><g></svg>')).not.toEqual([]);
    expect(xmlProblems('<svg><text>a & b</text></svg>')).not.toEqual([]);
    expect(xmlProblems('<svg></svg><svg></svg>')).not.toEqual([]);
    expect(xmlProblems('<svg x="1" x="2"></svg>')).not.toEqual([]);
  });
});

describe('niceTicks', () => {
  it('steps by 1, 2 or 5 × 10^n up to at least the maximum', () => {
    expect(niceTicks(50)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(niceTicks(7.3)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });
});

describe('barPanels', () => {
  const svg = barPanels('F <bench> & co', [
    {
      title: 'p99',
      unit: 'ms',
      bars: [
        { name: 'a & b', value: 316 },
        { name: 'c', value: 3009 },
      ],
    },
    {
      title: 'share',
      unit: 'of capacity',
      bars: [
        { name: 'a & b', value: 0.984 },
        { name: 'c', value: 0 },
      ],
    },
  ]);

  it('is well-formed XML with one bar per contender and panel, and escaped text', () => {
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg.match(/<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="[\d.]+" fill=/g)).toHaveLength(6);
    expect(svg).toContain('F &lt;bench&gt; &amp; co');
    expect(svg).toContain('0.984');
  });
});
