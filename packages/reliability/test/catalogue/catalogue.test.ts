import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFaultServer, startRawServer } from '@staunch/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADAPTER_NAMES, type AdapterName, type Row, reasonNotApplicable } from './row.js';
import { ROWS } from './rows.js';
import { type CaseResult, runCase, type Servers } from './run-case.js';

// The fault catalogue (reliability.md §9.2, 58 rows) through fetch, ky and axios on loopback
// servers. Conformance scenarios (packages/conformance) cover the preset seed codes; this
// table covers the catalogue. Results go to .test-results/reliability/catalogue.json for the
// report (scripts/report.ts → docs/reliability.md).
interface RowResult {
  readonly id: string;
  readonly title: string;
  readonly adapter: AdapterName;
  readonly status: 'passed' | 'failed' | 'not-applicable';
  readonly note?: string;
  readonly gap?: string;
  readonly cases: readonly CaseResult[];
}

let servers: Servers;
const results: RowResult[] = [];
beforeAll(async () => {
  const [fault, raw] = await Promise.all([startFaultServer(), startRawServer()]);
  servers = { fault, raw };
});

async function runRow(row: Row, adapter: AdapterName): Promise<readonly CaseResult[]> {
  const cases = row.cases ?? [];
  if (!row.serial) return Promise.all(cases.map((item, index) => runCase(servers, row.id, index, item, adapter)));
  // A row that runs alone runs its cases one at a time too.
  const results: CaseResult[] = [];
  for (const [index, item] of cases.entries()) results.push(await runCase(servers, row.id, index, item, adapter));
  return results;
}

afterAll(async () => {
  await Promise.all([servers.fault.close(), servers.raw.close()]);
  const summary = ADAPTER_NAMES.map((adapter) => {
    const mine = results.filter((r) => r.adapter === adapter);
    const ran = mine.filter((r) => r.status !== 'not-applicable');
    return { adapter, rows: mine.length, ran: ran.length, passed: ran.filter((r) => r.status === 'passed').length };
  });
  for (const s of summary) console.log(`catalogue ${s.adapter}: ${s.ran} of ${s.rows} rows ran, ${s.passed} passed`);
  const dir = join(import.meta.dirname, '../../../../.test-results/reliability');
  mkdirSync(dir, { recursive: true });
  const ordered = [...results].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
  writeFileSync(join(dir, 'catalogue.json'), `${JSON.stringify({ summary, rows: ordered }, null, 2)}\n`);
});

test('the catalogue has the 58 rows of §9.2, in order', () => {
  expect(ROWS.map((r) => Number(r.id.slice(1)))).toEqual(Array.from({ length: 58 }, (_, i) => i + 1));
});

async function checkRow(row: Row, adapter: AdapterName, skip: (reason?: string) => void): Promise<void> {
  const reason = reasonNotApplicable(row, adapter);
  const base = { id: row.id, title: row.title, adapter, ...(row.gap === undefined ? {} : { gap: row.gap }) };
  if (reason !== undefined || row.cases === undefined) {
    results.push({ ...base, status: 'not-applicable', note: reason ?? 'no cases', cases: [] });
    skip(reason);
    return;
  }
  const cases = await runRow(row, adapter);
  const passed = cases.every((c) => c.passed);
  results.push({ ...base, status: passed ? 'passed' : 'failed', cases });
  expect(cases.filter((c) => !c.passed)).toEqual([]);
}

const named = (rows: readonly Row[]) => rows.map((row) => [`${row.id} ${row.title}`, row] as const);

describe.each(ADAPTER_NAMES)('%s', (adapter) => {
  test.concurrent.for(named(ROWS.filter((row) => !row.serial)))('%s', ([, row], ctx) =>
    checkRow(row, adapter, (reason) => ctx.skip(reason)),
  );
});

// Rows that change process-wide state run after the rest, one at a time.
const serial = ROWS.filter((row) => row.serial);
describe.runIf(serial.length > 0).each(ADAPTER_NAMES)('%s, alone', (adapter) => {
  test.for(named(serial))('%s', ([, row], ctx) => checkRow(row, adapter, (reason) => ctx.skip(reason)));
});
