import { parseArgs } from 'node:util';
import { CLIENT_NAMES } from './clients/registry.js';
import type { SharingMode } from './runner/shared-key-messages.js';
import { SCENARIOS } from './scenarios/catalogue.js';
import { SWEEP_GROUPS } from './sweep/sweep-point.js';

export interface CliOptions {
  readonly quick: boolean;
  /** Explicit picks; undefined means the default set. */
  readonly scenarios: readonly string[] | undefined;
  readonly clients: readonly string[] | undefined;
  /** Runs of one scenario at the same time (exclusive scenarios always run alone). */
  readonly jobs: number;
  readonly outDir: string | undefined;
  readonly sharing: SharingMode;
  /** `--sweep`: the parameter sweep of the throttle against the oracle instead of the arena. */
  readonly sweep: boolean;
  /** Sweep runs per point; undefined: 3 for the full form, 1 for quick. */
  readonly runs: number | undefined;
  /** Sweep groups to run; undefined: all. */
  readonly groups: readonly string[] | undefined;
  /** Sweep point ids to run (the table's `point` column); undefined: all. */
  readonly points: readonly string[] | undefined;
  /** A sweep.json to write the report from again, without running. */
  readonly from: string | undefined;
  readonly help: boolean;
}

export const USAGE = `pnpm bench [--quick] [--scenario S1,S4] [--client staunch,fetch] [--jobs 2] [--out DIR]
  --quick      fewer scenarios and requests (under 2 minutes)
  --scenario   ${SCENARIOS.map((s) => s.id).join(', ')}
  --client     ${CLIENT_NAMES.join(', ')}
  --jobs       runs in parallel within a scenario (default 2; overhead and multi-process runs go alone)
  --shared     how the processes of S6 share a key: per-process (default), or redis: the arena starts its own
               redis-server and S6 also runs staunch-redis, one throttle shared through Redis
  --out        results directory (default bench/results for a full run, bench/results/partial otherwise)

pnpm bench --sweep [--quick] [--runs 3] [--group core,hint] [--point 'rise r25,short r120'] [--from results/sweep.json]
  --sweep      the throttle against the oracle over rates, bursts, hints, limiter kinds and schedules
               (full: about 20 minutes a run; --quick: one point of each kind, under 3 minutes)
  --runs       runs per point (default 3 full, 1 quick); cells report the worst run and the spread
  --group      ${SWEEP_GROUPS.join(', ')}
  --point      points by id, as the table's \`point\` column names them (comma-separated)
  --from       write sweep.md and sweep.svg again from a sweep.json, without running`;

export function parseCliOptions(argv: readonly string[]): CliOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      scenario: { type: 'string' },
      client: { type: 'string' },
      jobs: { type: 'string', default: '2' },
      out: { type: 'string' },
      shared: { type: 'string', default: 'per-process' },
      sweep: { type: 'boolean', default: false },
      runs: { type: 'string' },
      group: { type: 'string' },
      point: { type: 'string' },
      from: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
  });
  const jobs = Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new Error(`Expected \`--jobs\` to be a positive integer, got ${values.jobs}`);
  if (values.shared !== 'per-process' && values.shared !== 'redis') {
    throw new Error(`Expected \`--shared\` to be 'per-process' or 'redis', got '${values.shared}'`);
  }
  const runs = values.runs === undefined ? undefined : Number(values.runs);
  if (runs !== undefined && (!Number.isInteger(runs) || runs < 1)) {
    throw new Error(`Expected \`--runs\` to be a positive integer, got ${values.runs}`);
  }
  return {
    quick: values.quick,
    scenarios: list(
      '--scenario',
      values.scenario,
      SCENARIOS.map((s) => s.id),
    ),
    clients: list('--client', values.client, CLIENT_NAMES),
    jobs,
    outDir: values.out,
    sharing: values.shared,
    sweep: values.sweep,
    runs,
    groups: list('--group', values.group, SWEEP_GROUPS),
    points: values.point === undefined ? undefined : split(values.point),
    from: values.from,
    help: values.help,
  };
}

function list(flag: string, value: string | undefined, known: readonly string[]): string[] | undefined {
  if (value === undefined) return undefined;
  const names = split(value);
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0) throw new Error(`Unknown ${flag} ${unknown.join(', ')}; expected one of ${known.join(', ')}`);
  return names;
}

function split(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
