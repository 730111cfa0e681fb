import { markdownTable } from './markdown-table.js';

export interface TargetLine {
  readonly scenario: string;
  readonly cells: readonly string[];
}

/** The whole results file: machine, how to read the tables, Staunch's targets, then every scenario. */
export function arenaDocument(
  machine: readonly string[],
  targets: readonly TargetLine[],
  sections: readonly string[],
): string {
  return [
    '# Arena: Staunch against peers on the loopback mock provider',
    '',
    ...machine,
    '',
    'Every client runs against its own fresh mock provider (seed 1, 10–30 ms service), all traffic on 127.0.0.1.',
    '**ok**: calls that ended in a 2xx (cut: stopped by the scenario timeout). **goodput**: successes ÷ what the',
    "server could serve over the run's wall time (its rate × time, outages excluded; the burst can push it a",
    'little over 1). **ok/s**: successes per second. **att/req**: arrivals at the server ÷ logical requests.',
    '**429s**: rate-limit answers (share of arrivals). **p50/p95/p99**: latency of successful calls, from the',
    'first send to the final answer. **poison att**: arrivals per poison request (mean, max). **outage att/req**:',
    'arrivals during the outage ÷ the requests (by request id) that arrived during it; **drain**: outage end → last success.',
    '',
    '## Staunch targets',
    '',
    targets.length === 0
      ? 'No scenario with targets ran.'
      : markdownTable(
          ['scenario', 'target', 'measured', 'result'],
          targets.map((t) => [t.scenario, ...t.cells]),
        ),
    '',
    '## Scenarios',
    '',
    sections.join('\n\n'),
    '',
  ].join('\n');
}
