import { parseArgs } from 'node:util';
import { CLIENT_NAMES } from './clients/registry.js';
import type { SharingMode } from './runner/shared-key-messages.js';
import { SCENARIOS } from './scenarios/catalogue.js';

export interface CliOptions {
  readonly quick: boolean;
  /** Explicit picks; undefined means the default set. */
  readonly scenarios: readonly string[] | undefined;
  readonly clients: readonly string[] | undefined;
  /** Runs of one scenario at the same time (exclusive scenarios always run alone). */
  readonly jobs: number;
  readonly outDir: string | undefined;
  readonly sharing: SharingMode;
  readonly help: boolean;
}

export const USAGE = `pnpm bench [--quick] [--scenario S1,S4] [--client staunch,fetch] [--jobs 2] [--out DIR]
  --quick      fewer scenarios and requests (under 2 minutes)
  --scenario   ${SCENARIOS.map((s) => s.id).join(', ')}
  --client     ${CLIENT_NAMES.join(', ')}
  --jobs       runs in parallel within a scenario (default 2; overhead and multi-process runs go alone)
  --shared     how the processes of S6 share a key: per-process (default), or redis: the arena starts its own
               redis-server and S6 also runs staunch-redis, one throttle shared through Redis
  --out        results directory (default bench/results for a full run, bench/results/partial otherwise)`;

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
    help: values.help,
  };
}

function list(flag: string, value: string | undefined, known: readonly string[]): string[] | undefined {
  if (value === undefined) return undefined;
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0) throw new Error(`Unknown ${flag} ${unknown.join(', ')}; expected one of ${known.join(', ')}`);
  return names;
}
