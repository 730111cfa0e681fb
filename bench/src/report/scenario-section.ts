import type { Summary } from '../metrics/summary.js';
import type { Scenario } from '../scenarios/scenario.js';
import { fixed, ms, percent, seconds } from './format.js';
import { markdownTable } from './markdown-table.js';
import { checkTargets, type TargetCheck } from './targets.js';

/** A scenario's Markdown: what it is, one row per client, and Staunch's targets when it has some. */
export function scenarioSection(scenario: Scenario, summaries: readonly Summary[], chartFile?: string): string {
  const outage = scenario.server.outages !== undefined;
  const headers = [
    'client',
    'ok',
    'goodput',
    'ok/s',
    'att/req',
    '429s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'poison att',
    'wall s',
  ];
  if (outage) headers.push('outage att/req', 'drain s');
  const rows = summaries.map((s) => {
    const row = [
      s.client,
      `${s.successes}/${s.requests}${s.cut > 0 ? ` (${s.cut} cut)` : ''}`,
      fixed(s.goodput),
      fixed(s.throughput, 1),
      fixed(s.attemptsPerRequest),
      `${s.rateLimited} (${percent(s.rateLimitedShare)})`,
      ms(s.p50),
      ms(s.p95),
      ms(s.p99),
      s.poisonAttempts === undefined ? '–' : `${fixed(s.poisonAttempts)} (max ${s.poisonAttemptsMax})`,
      seconds(s.wallMs),
    ];
    if (outage) row.push(fixed(s.outage?.amplification), seconds(s.outage?.drainMs));
    return row;
  });
  const parts = [
    `### ${scenario.id}: ${scenario.title}`,
    '',
    `${scenario.requests} requests, concurrency ${scenario.concurrency}${scenario.processes ? ` over ${scenario.processes} processes` : ''}, server ${describeServer(scenario)}.`,
    '',
    markdownTable(headers, rows),
  ];
  const targets = staunchTargets(scenario, summaries);
  if (targets.length > 0) {
    parts.push('', markdownTable(['Staunch target', 'measured', 'result'], targets.map(targetRow)));
  }
  if (chartFile !== undefined) parts.push('', `![successes per second, ${scenario.id}](${chartFile})`);
  return parts.join('\n');
}

export function staunchTargets(scenario: Scenario, summaries: readonly Summary[]): TargetCheck[] {
  const staunch = summaries.find((s) => s.client === 'staunch');
  return scenario.target === undefined || staunch === undefined
    ? []
    : checkTargets(scenario.target, staunch, summaries);
}

export function targetRow(check: TargetCheck): string[] {
  return [check.target, check.measured, check.pass === undefined ? 'n/a' : check.pass ? 'pass' : '**FAIL**'];
}

function describeServer(scenario: Scenario): string {
  const { server } = scenario;
  const limit = server.rate >= 1_000_000 ? 'unlimited' : `${server.rate} req/s, burst ${server.burst}`;
  const steps = (server.capacity ?? []).map((step) => ` → ${step.rate} req/s at ${step.atMs / 1000} s`).join('');
  const outages = (server.outages ?? [])
    .map((w) => `, ${w.status ?? 503} outage ${w.fromMs / 1000}–${w.toMs / 1000} s`)
    .join('');
  return `${limit}${steps}${outages}, hint ${server.hint ?? 'retry-after'}`;
}
