import type { Summary } from '../metrics/summary.js';
import type { TargetKind } from '../scenarios/scenario.js';
import { fixed, percent, seconds } from './format.js';

/** One target of the throttle issue beside what Staunch measured. `pass` undefined: no comparison possible. */
export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly pass: boolean | undefined;
}

const ORACLE = 'bottleneck-oracle';
const BASELINE = 'fetch';
/** Drain-time slack against the oracle, for timer noise on a shared machine. */
const DRAIN_SLACK = 1.05;

/** The issue's targets for Staunch in a scenario, judged from its row and its peers' rows. */
export function checkTargets(kind: TargetKind, staunch: Summary, peers: readonly Summary[]): TargetCheck[] {
  const peer = (name: string) => peers.find((p) => p.client === name);
  switch (kind) {
    case 'S1':
    case 'S2': {
      const [minGoodput, maxAttempts] = kind === 'S1' ? [0.95, 1.05] : [0.9, 1.1];
      return [
        atLeast('goodput', staunch.goodput, minGoodput),
        atMost('attempts/request', staunch.attemptsPerRequest, maxAttempts),
      ];
    }
    case 'S3':
      return [
        atLeast('goodput', staunch.goodput, 0.97),
        {
          target: '429s ≤ 1 % of arrivals',
          measured: percent(staunch.rateLimitedShare),
          pass: staunch.rateLimitedShare <= 0.01,
        },
      ];
    case 'S4':
      return [
        {
          target: 'every non-poison request succeeds',
          measured: `${staunch.healthyOk} / ${staunch.healthy}`,
          pass: staunch.healthyOk === staunch.healthy,
        },
        {
          target: 'each poison request attempted once',
          measured: `mean ${fixed(staunch.poisonAttempts)}, max ${staunch.poisonAttemptsMax ?? '–'}`,
          pass: staunch.poisonAttemptsMax === 1,
        },
        atMost('attempts/request', staunch.attemptsPerRequest, 1.3),
      ];
    case 'S5': {
      const oracle = peer(ORACLE)?.outage?.drainMs;
      const drain = staunch.outage?.drainMs;
      return [
        atMost('arrivals/request during the outage', staunch.outage?.amplification, 1.3),
        {
          target: `drain after recovery ≤ oracle's (${seconds(oracle)} s, 5 % slack)`,
          measured: `${seconds(drain)} s`,
          pass: oracle === undefined || drain === undefined ? undefined : drain <= oracle * DRAIN_SLACK,
        },
      ];
    }
    case 'overhead': {
      const base = peer(BASELINE)?.throughput;
      const loss = base === undefined || base === 0 ? undefined : 1 - staunch.throughput / base;
      return [
        {
          target: 'throughput loss vs raw fetch ≤ 5 %',
          measured: loss === undefined ? '– (fetch not run)' : percent(loss),
          pass: loss === undefined ? undefined : loss <= 0.05,
        },
      ];
    }
  }
}

function atLeast(name: string, value: number | undefined, min: number): TargetCheck {
  return { target: `${name} ≥ ${min}`, measured: fixed(value), pass: value !== undefined && value >= min };
}

function atMost(name: string, value: number | undefined, max: number): TargetCheck {
  return { target: `${name} ≤ ${max}`, measured: fixed(value), pass: value !== undefined && value <= max };
}
