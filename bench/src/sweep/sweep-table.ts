import { markdownTable } from '../report/markdown-table.js';
import { UNLIMITED_RATE } from '../scenarios/scenario.js';
import type { CellVerdict, Spread } from './judge.js';

const HEADERS = [
  'point',
  'rate/s',
  'burst / cap',
  'hint',
  'limiter',
  'schedule',
  'requests',
  'Staunch policy',
  'goodput',
  'oracle goodput',
  '÷ oracle',
  '429 share',
  'attempts/request',
  'p95 ms',
  'more',
  'result',
];

/**
 * One row per point and Staunch policy. A figure over several runs reads `worst (min–max)`;
 * the worst run is the one the target judges.
 */
export function sweepTable(verdicts: readonly CellVerdict[]): string {
  return markdownTable(
    HEADERS,
    verdicts.map((v) => {
      const { axes } = v.point;
      const unlimited = axes.rate >= UNLIMITED_RATE;
      return [
        v.point.id,
        unlimited ? '∞' : String(axes.rate),
        burstCell(v),
        axes.hint,
        axes.limiter,
        axes.schedule,
        String(axes.requests),
        v.label.split(' · ')[1] ?? v.label,
        worst(v.goodput, 'min', 2),
        v.oracleGoodput === undefined ? '–' : v.oracleGoodput.toFixed(2),
        worst(v.vsOracle, 'min', 2),
        worst(v.share429, 'max', 1, 100, ' %'),
        worst(v.attempts, 'max', 2),
        worst(v.p95Ms, 'max', 0),
        more(v),
        result(v),
      ];
    }),
  );
}

/** `worst (min–max)`, or the one value when the runs agree or there was one run. */
export function worst(spread: Spread | undefined, side: 'min' | 'max', digits: number, scale = 1, unit = ''): string {
  if (spread === undefined) return '–';
  const show = (n: number) => `${(n * scale).toFixed(digits)}${unit}`;
  const value = show(spread[side]);
  if (show(spread.min) === show(spread.max)) return value;
  return `${value} (${show(spread.min)}–${show(spread.max)})`;
}

/** A fixed window has no burst (its allowance is the window's); a concurrency cap's column gives the cap. */
function burstCell(v: CellVerdict): string {
  const { axes } = v.point;
  if (axes.rate >= UNLIMITED_RATE) return '∞';
  if (axes.limiter === 'fixed-window') return '–';
  return axes.limiter === 'concurrency' ? `cap ${axes.burst}` : String(axes.burst);
}

function more(v: CellVerdict): string {
  const parts: string[] = [];
  if (v.riseAdmitted !== undefined) {
    const oracle = v.oracleRiseAdmitted === undefined ? '–' : v.oracleRiseAdmitted.toFixed(2);
    parts.push(`rise admitted ${worst(v.riseAdmitted, 'min', 2)}, oracle ${oracle}`);
  }
  if (v.drainMs !== undefined || v.point.axes.schedule === 'outage') {
    const oracle = v.oracleDrainMs === undefined ? '–' : (v.oracleDrainMs / 1000).toFixed(2);
    parts.push(`drain ${worst(v.drainMs, 'max', 2, 0.001)} s, oracle ${oracle} s`);
    parts.push(`${worst(v.amplification, 'max', 2)} arrivals/request in the outage`);
  }
  if (v.lossVsFetch !== undefined) parts.push(`loss vs fetch ${worst(v.lossVsFetch, 'max', 1, 100, ' %')}`);
  return parts.join('; ');
}

function result(v: CellVerdict): string {
  if (v.pass === true) return 'pass';
  const failed = v.checks.filter((c) => c.pass === false).map((c) => c.target.split(/ [≥≤]/)[0]);
  if (v.pass === false) return `**FAIL** (${failed.join(', ')})`;
  return '– (not judged)';
}
