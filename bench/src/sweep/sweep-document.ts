import type { CellVerdict } from './judge.js';
import { TARGETS } from './judge.js';
import { WINDOW_MS } from './points.js';
import type { SweepForm } from './sweep-point.js';
import { sweepTable } from './sweep-table.js';

export interface SweepFacts {
  readonly form: SweepForm;
  readonly runs: number;
  readonly machine: readonly string[];
  readonly wallSeconds: number;
}

/** One line: how many cells passed, failed and could not be judged. */
export function tally(verdicts: readonly CellVerdict[]): string {
  const passed = verdicts.filter((v) => v.pass === true).length;
  const failed = verdicts.filter((v) => v.pass === false).length;
  const open = verdicts.length - passed - failed;
  return `${passed} of ${verdicts.length} cells pass, ${failed} fail${open > 0 ? `, ${open} not judged` : ''}.`;
}

/** sweep.md: the machine, how to read the figures, the targets, the table and the heat map. */
export function sweepDocument(facts: SweepFacts, verdicts: readonly CellVerdict[], svgFile: string): string {
  const windowS = WINDOW_MS[facts.form] / 1000;
  return [
    '# Sweep: the adaptive throttle against the oracle',
    '',
    ...facts.machine,
    `- form: ${facts.form}, ${facts.runs} run${facts.runs === 1 ? '' : 's'} per point; fixed windows of ${windowS} s${
      facts.form === 'quick' ? ' (scaled down from the full form’s 60 s)' : ''
    }`,
    `- wall time: ${facts.wallSeconds.toFixed(0)} s`,
    '',
    tally(verdicts),
    '',
    '## How to read it',
    '',
    '- Every point runs Staunch (`createFetch`, the throttle on) under the preset a user would pick for the',
    '  server’s dialect and under the default policy, and the oracle (Bottleneck told the true limit:',
    '  sends spaced by the rate and its schedule for a token bucket, a reservoir refilled on each',
    '  wall-clock window boundary for a fixed window, `maxConcurrent` for a concurrency cap), each against a fresh mock provider',
    '  (seed 1, 10–30 ms of service, concurrency 32).',
    '- goodput = successes ÷ what the server could serve over the run’s wall time (its rate integrated over',
    '  time, outages at zero; the burst left out, so it can pass 1). ÷ oracle divides each run’s goodput by',
    '  the oracle’s median over its runs. A concurrency cap’s rate is nominal: slots ÷ mean service time.',
    '- 429 share = 429 answers ÷ arrivals; attempts/request = arrivals ÷ logical requests; p95 = latency of',
    '  successful calls.',
    '- rise admitted = requests the server admitted in the 2 s after capacity rose ÷ 2 s of the new rate.',
    '  drain = from the end of the outage to the last success.',
    '- Fixed-window runs start just after a window boundary and ask for 1.5 windows’ allowance; the oracle',
    '  spends each window’s allowance at once, so a client pacing evenly at the sustained rate scores',
    '  about 0.67 of it.',
    '- Several runs: each figure reads `worst (min–max)`; the worst run is the one judged.',
    '',
    '## Targets (per cell, the worst run)',
    '',
    `- goodput ≥ ${TARGETS.goodputVsOracle} × the oracle’s and 429s ≤ ${TARGETS.max429Share * 100} % of arrivals`,
    `- short runs (20 requests): goodput ≥ ${TARGETS.shortGoodputVsOracle} × the oracle’s (429s shown, not judged)`,
    `- unlimited server: throughput loss ≤ ${TARGETS.maxLossVsFetch * 100} % against raw fetch in the same run`,
    `- after a rise: ≥ ${TARGETS.riseAdmitted} of the new capacity admitted within 2 s`,
    '- after an outage: drain ≤ the oracle’s (5 % slack)',
    '',
    '## Cells',
    '',
    sweepTable(verdicts),
    '',
    `![heat map: goodput ÷ oracle per cell](${svgFile})`,
    '',
  ].join('\n');
}
