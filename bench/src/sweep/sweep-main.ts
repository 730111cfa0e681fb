// `pnpm bench --sweep`: every point of the sweep × Staunch (preset and default) and the oracle;
// sweep.md, sweep.svg and sweep.json in the results directory, the table on stdout.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CliOptions } from '../cli-options.js';
import { machineDetails } from '../report/machine.js';
import { ProviderHost } from '../runner/provider-client.js';
import { heatMap } from './heat-map.js';
import { heatPanels } from './heat-panels.js';
import { judge, TARGETS } from './judge.js';
import { sweepPoints } from './points.js';
import type { RunFigures } from './run-figures.js';
import { runSweep } from './run-sweep.js';
import { type SweepFacts, sweepDocument, tally } from './sweep-document.js';
import type { SweepForm, SweepPoint } from './sweep-point.js';
import { sweepTable } from './sweep-table.js';

/** What sweep.json holds: enough to write the table and the heat map again without running. */
interface SweepRecord extends SweepFacts {
  readonly points: readonly SweepPoint[];
  readonly figures: readonly RunFigures[];
}

export async function sweepMain(options: CliOptions, command: string): Promise<void> {
  const began = performance.now();
  const form: SweepForm = options.quick ? 'quick' : 'full';
  const record = options.from === undefined ? await measure(options, form, command, began) : readRecord(options.from);
  const fullRun =
    record.form === 'full' &&
    options.groups === undefined &&
    options.points === undefined &&
    options.from === undefined;
  const benchDir = resolve(import.meta.dirname, '../..');
  const outDir = resolve(options.outDir ?? join(benchDir, fullRun ? 'results' : 'results/partial'));
  mkdirSync(outDir, { recursive: true });
  const verdicts = judge(record.points, record.figures);
  writeFileSync(join(outDir, 'sweep.json'), `${JSON.stringify(record, null, 1)}\n`);
  writeFileSync(join(outDir, 'sweep.md'), sweepDocument(record, verdicts, 'sweep.svg'));
  writeFileSync(
    join(outDir, 'sweep.svg'),
    heatMap({
      title: `Sweep (${record.form}, ${record.runs} run${record.runs === 1 ? '' : 's'}): Staunch goodput ÷ the oracle's, worst run`,
      notes: [
        'Colour: goodput ÷ oracle (red ≤ 0.5, amber 0.8, pale green 0.95, green ≥ 1); grey: not measured.',
        `Black corner: 429s over ${TARGETS.max429Share * 100} % of arrivals. Heavy outline: the cell misses a target.`,
      ],
      panels: heatPanels(verdicts),
      markerOver: TARGETS.max429Share,
    }),
  );
  console.log(`${sweepTable(verdicts)}\n\n${tally(verdicts)}`);
  console.error(`[sweep] done in ${((performance.now() - began) / 1000).toFixed(1)} s; results in ${outDir}`);
}

async function measure(options: CliOptions, form: SweepForm, command: string, began: number): Promise<SweepRecord> {
  const all = sweepPoints(form);
  const points = pick(all, options);
  const runs = options.runs ?? (form === 'quick' ? 1 : 3);
  const count = points.reduce((n, p) => n + p.contenders.length, 0) * runs;
  console.error(`[sweep] ${form}: ${points.length} points, ${count} runs, ${options.jobs} at a time`);
  const host = new ProviderHost();
  try {
    const figures = await runSweep(points, { runs, jobs: options.jobs, host, log: (line) => console.error(line) });
    const wallSeconds = (performance.now() - began) / 1000;
    return { form, runs, machine: machineDetails(command), wallSeconds, points, figures };
  } finally {
    host.close();
  }
}

function readRecord(file: string): SweepRecord {
  return JSON.parse(readFileSync(file, 'utf8')) as SweepRecord;
}

/** The points `--group` and `--point` name; an unknown id is an error that lists the known ones. */
function pick(all: readonly SweepPoint[], options: CliOptions): SweepPoint[] {
  const { groups, points: ids } = options;
  const unknown = (ids ?? []).filter((id) => !all.some((p) => p.id === id));
  if (unknown.length > 0) {
    const known = [...new Set(all.map((p) => p.id))].join(', ');
    throw new Error(`Unknown --point ${unknown.join(', ')}; this form's points are: ${known}`);
  }
  return all.filter(
    (p) => (groups === undefined || groups.includes(p.group)) && (ids === undefined || ids.includes(p.id)),
  );
}
