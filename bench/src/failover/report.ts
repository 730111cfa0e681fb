import { cpus } from 'node:os';
import { CONTENDERS } from './contenders.js';
import { FAILOVER_SCENARIOS, type FailoverRun } from './scenarios.js';

/** The median and the range over runs, as `0.98 (0.97–0.99)`. */
function spread(values: readonly number[], digits: number): string {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  const text = (v: number) => v.toFixed(digits);
  return sorted.length === 1 ? text(median) : `${text(median)} (${text(sorted[0] ?? 0)}–${text(sorted.at(-1) ?? 0)})`;
}

/** Markdown: per scenario, each contender's ratio to capacity, calls lost and what reached the primary. */
export function failoverReport(
  results: readonly FailoverRun[],
  command: string,
  runs: number,
  chart = 'failover.svg',
): string {
  const lines = [
    '# Failover bench',
    '',
    `\`${command}\` — ${runs} run(s), each on fresh loopback servers; Node ${process.version}, ${cpus().length} CPU(s).`,
    'Ratio: successes per second ÷ the capacity available (the load offered when the healthy providers can serve all of it).',
    '',
    `![Staunch against cockatiel + fallback, per measure](${chart})`,
    '',
    'Median (min–max) over the runs. Peer: cockatiel 3.2.1 `circuitBreaker(…, { halfOpenAfter: 10 * 1000, breaker: new ConsecutiveBreaker(5) })` per destination, with a hand-written fallback to the next.',
    '',
  ];
  for (const scenario of FAILOVER_SCENARIOS) {
    lines.push(`## ${scenario.id}: ${scenario.title}`, '');
    const f3 = scenario.id === 'F3';
    if (scenario.id === 'F4') {
      lines.push('| contender | ratio | p99 latency, ms | extra requests |', '| --- | --- | --- | --- |');
      for (const contender of CONTENDERS) {
        const mine = results.filter((r) => r.scenario === 'F4' && r.contender === contender);
        if (mine.length === 0) continue;
        const p99 = spread(
          mine.map((r) => r.p99Ms ?? 0),
          0,
        );
        const extra = `${spread(
          mine.map((r) => (r.extraShare ?? 0) * 100),
          1,
        )} %`;
        const ratio = spread(
          mine.map((r) => r.ratio),
          3,
        );
        lines.push(`| ${contender} | ${ratio} | ${p99} | ${extra} |`);
      }
      lines.push('');
      continue;
    }
    lines.push(
      f3
        ? '| contender | ratio | lost | 429 share | 429 share after 1 s |'
        : '| contender | ratio | lost | primary arrivals |',
    );
    lines.push(f3 ? '| --- | --- | --- | --- | --- |' : '| --- | --- | --- | --- |');
    for (const contender of CONTENDERS) {
      const mine = results.filter((r) => r.scenario === scenario.id && r.contender === contender);
      if (mine.length === 0) continue;
      const percent = (pick: (r: FailoverRun) => number | undefined) =>
        `${spread(
          mine.map((r) => (pick(r) ?? 0) * 100),
          1,
        )} %`;
      const last = f3
        ? `${percent((r) => r.share429)} | ${percent((r) => r.share429Learnt)}`
        : spread(
            mine.map((r) => r.primaryArrivals),
            0,
          );
      lines.push(
        `| ${contender} | ${spread(
          mine.map((r) => r.ratio),
          3,
        )} | ${spread(
          mine.map((r) => r.lost),
          0,
        )} | ${last} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}
