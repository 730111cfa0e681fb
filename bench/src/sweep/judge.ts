import { percent, seconds } from '../report/format.js';
import type { TargetCheck } from '../report/targets.js';
import type { RunFigures } from './run-figures.js';
import type { SweepPoint } from './sweep-point.js';

/** The targets, per point; the worst run counts. */
export const TARGETS = {
  goodputVsOracle: 0.95,
  shortGoodputVsOracle: 0.9,
  max429Share: 0.02,
  maxLossVsFetch: 0.03,
  riseAdmitted: 0.9,
  /** Drain-time slack against the oracle, for timer noise on a shared machine (as the arena's S5). */
  drainSlack: 1.05,
} as const;

/** The lowest and highest of a figure over the runs. */
export interface Spread {
  readonly min: number;
  readonly max: number;
}

/** One subject (Staunch under one policy) at one point, over every run. */
export interface CellVerdict {
  readonly point: SweepPoint;
  readonly label: string;
  readonly runs: number;
  readonly goodput: Spread | undefined;
  /** The oracle's median goodput over its runs: what "÷ oracle" divides by. */
  readonly oracleGoodput: number | undefined;
  readonly vsOracle: Spread | undefined;
  readonly share429: Spread | undefined;
  readonly attempts: Spread | undefined;
  readonly p95Ms: Spread | undefined;
  readonly riseAdmitted: Spread | undefined;
  readonly oracleRiseAdmitted: number | undefined;
  readonly drainMs: Spread | undefined;
  readonly oracleDrainMs: number | undefined;
  readonly amplification: Spread | undefined;
  /** Unlimited: 1 − throughput ÷ raw fetch's in the same run. */
  readonly lossVsFetch: Spread | undefined;
  readonly checks: readonly TargetCheck[];
  readonly pass: boolean | undefined;
}

/** Judges every subject of every point from the raw figures. */
export function judge(points: readonly SweepPoint[], figures: readonly RunFigures[]): CellVerdict[] {
  return points.flatMap((point) => {
    const of = (label: string) => figures.filter((f) => f.point === point.id && f.label === label);
    const oracle = of('bottleneck-oracle');
    const fetchRuns = of('fetch');
    return point.contenders
      .filter((c) => c.role === 'subject')
      .map((subject) => verdict(point, subject.label, of(subject.label), oracle, fetchRuns));
  });
}

function verdict(
  point: SweepPoint,
  label: string,
  runs: readonly RunFigures[],
  oracle: readonly RunFigures[],
  fetchRuns: readonly RunFigures[],
): CellVerdict {
  const oracleGoodput = median(oracle.map((f) => f.goodput));
  const oracleDrainMs = median(oracle.map((f) => f.drainMs));
  const oracleRiseAdmitted = median(oracle.map((f) => f.riseAdmitted));
  const vsOracle = spread(runs.map((f) => (f.goodput === null || !oracleGoodput ? null : f.goodput / oracleGoodput)));
  const lossVsFetch = spread(
    runs.map((f) => {
      const base = fetchRuns.find((b) => b.run === f.run)?.throughput;
      return base === undefined || base === 0 ? null : 1 - f.throughput / base;
    }),
  );
  const figures = {
    goodput: spread(runs.map((f) => f.goodput)),
    vsOracle,
    share429: spread(runs.map((f) => f.rateLimitedShare)),
    attempts: spread(runs.map((f) => f.attemptsPerRequest)),
    p95Ms: spread(runs.map((f) => f.p95Ms)),
    riseAdmitted: spread(runs.map((f) => f.riseAdmitted)),
    drainMs: spread(runs.map((f) => f.drainMs)),
    amplification: spread(runs.map((f) => f.outageAmplification)),
    lossVsFetch,
  };
  const checks = checksFor(point, figures, oracleDrainMs);
  return {
    point,
    label,
    runs: runs.length,
    oracleGoodput,
    oracleDrainMs,
    oracleRiseAdmitted,
    ...figures,
    checks,
    pass: overall(checks),
  };
}

type Figures = Pick<
  CellVerdict,
  'vsOracle' | 'share429' | 'riseAdmitted' | 'drainMs' | 'lossVsFetch' | 'goodput' | 'attempts'
>;

function checksFor(point: SweepPoint, f: Figures, oracleDrainMs: number | undefined): TargetCheck[] {
  if (point.group === 'unlimited') {
    return [
      atMost(
        `throughput loss vs raw fetch ≤ ${percent(TARGETS.maxLossVsFetch)}`,
        f.lossVsFetch?.max,
        TARGETS.maxLossVsFetch,
        percent,
      ),
    ];
  }
  const short = point.group === 'short';
  const minRatio = short ? TARGETS.shortGoodputVsOracle : TARGETS.goodputVsOracle;
  const checks = [atLeast(`goodput ≥ ${minRatio} × oracle`, f.vsOracle?.min, minRatio)];
  // Twenty requests leave no time to learn before the first wave: a short run is judged on goodput alone.
  if (!short)
    checks.push(
      atMost(`429s ≤ ${percent(TARGETS.max429Share)} of arrivals`, f.share429?.max, TARGETS.max429Share, percent),
    );
  if (point.axes.schedule === 'rise') {
    checks.push(
      atLeast(
        `≥ ${TARGETS.riseAdmitted} of the new capacity admitted in 2 s`,
        f.riseAdmitted?.min,
        TARGETS.riseAdmitted,
      ),
    );
  }
  if (point.axes.schedule === 'outage') {
    const drain = f.drainMs?.max;
    checks.push({
      target: `drain ≤ oracle's (${seconds(oracleDrainMs)} s, 5 % slack)`,
      measured: `${seconds(drain)} s`,
      pass:
        drain === undefined || oracleDrainMs === undefined ? undefined : drain <= oracleDrainMs * TARGETS.drainSlack,
    });
  }
  return checks;
}

function atLeast(target: string, value: number | undefined, min: number): TargetCheck {
  return {
    target,
    measured: value === undefined ? '–' : value.toFixed(2),
    pass: value === undefined ? undefined : value >= min,
  };
}

function atMost(target: string, value: number | undefined, max: number, show: (v: number) => string): TargetCheck {
  return {
    target,
    measured: value === undefined ? '–' : show(value),
    pass: value === undefined ? undefined : value <= max,
  };
}

/** Fails if any check fails; undefined if none fails but one could not be judged. */
function overall(checks: readonly TargetCheck[]): boolean | undefined {
  if (checks.some((c) => c.pass === false)) return false;
  return checks.some((c) => c.pass === undefined) ? undefined : true;
}

export function spread(values: readonly (number | null)[]): Spread | undefined {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  return known.length === 0 ? undefined : { min: Math.min(...known), max: Math.max(...known) };
}

export function median(values: readonly (number | null)[]): number | undefined {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (known.length === 0) return undefined;
  const mid = Math.floor(known.length / 2);
  return known.length % 2 === 1 ? known[mid] : ((known[mid - 1] ?? 0) + (known[mid] ?? 0)) / 2;
}
