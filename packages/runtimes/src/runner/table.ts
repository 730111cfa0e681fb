import type { CaseResult } from '../suite/run-suite.js';

export interface Row {
  readonly label: string;
  readonly version: string;
  readonly results: readonly CaseResult[];
  readonly ms: number;
}

const count = (row: Row, status: CaseResult['status']) => row.results.filter((r) => r.status === status).length;

/** Prints one row per runtime, then every failure and skip with its reason; returns the exit code. */
export function printReport(rows: readonly Row[]): number {
  const header = ['runtime', 'version', 'passed', 'failed', 'skipped', 'time'];
  const body = rows.map((row) => [
    row.label,
    row.version,
    String(count(row, 'passed')),
    String(count(row, 'failed')),
    String(count(row, 'skipped')),
    `${(row.ms / 1000).toFixed(1)} s`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i]?.length ?? 0)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(header));
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const cells of body) console.log(line(cells));
  for (const row of rows) {
    for (const result of row.results) {
      if (result.status === 'passed') continue;
      console.log(`${result.status === 'failed' ? 'FAIL' : 'skip'} ${row.label}: ${result.name} — ${result.detail}`);
    }
  }
  const total = (status: CaseResult['status']) => rows.reduce((sum, row) => sum + count(row, status), 0);
  const failed = total('failed');
  console.log(`runtimes: ${total('passed')} passed, ${failed} failed, ${total('skipped')} skipped`);
  return failed === 0 ? 0 : 1;
}
