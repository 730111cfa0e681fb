import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { withChecks } from './clock-call.js';
import type { AdapterName, Case, CaseContext, Seen } from './row.js';
import type { Servers } from './run-case.js';

// G44: the process's own work ends while a retry is pending. Staunch's timers are ordinary (it
// never unrefs them), so the pending retry keeps the process alive until it has run, and once the
// call settles nothing is left holding the process. A caller whose clock unrefs its timers gets
// the opposite: the process exits during the backoff and the retry never happens. One real child
// process per adapter (child/call-then-exit.ts) makes both calls, one after the other, against
// this process's fault server; the row's two cases read their own call from it.
const here = import.meta.dirname;
const root = join(here, '..', '..', '..', '..');
/** Generous for a loaded machine; a leaked timer or socket would hold the process far longer. */
const PROMPT_EXIT_MS = 1500;
const KILL_AFTER_MS = 20_000;

interface ChildRun {
  readonly code: number | null;
  readonly stdout: string;
  /** From the `ref settled` line to the exit; NaN without that line. */
  readonly settledToExitMs: number;
  readonly arrivals: { readonly ref: number; readonly unref: number };
}

function spawnChild(adapter: AdapterName, refUrl: string, unrefUrl: string): Promise<Omit<ChildRun, 'arrivals'>> {
  const script = join(here, 'child', 'call-then-exit.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@staunch/source', '--import', 'tsx', script, adapter, refUrl, unrefUrl],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let stdout = '';
    let settledAt = Number.NaN;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (Number.isNaN(settledAt) && stdout.includes('ref settled')) settledAt = performance.now();
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, settledToExitMs: performance.now() - settledAt });
    });
  });
}

const runs = new Map<AdapterName, Promise<ChildRun>>();

/** The adapter's child run, started by whichever of the row's cases asks first. */
function childRun(adapter: AdapterName, servers: Servers): Promise<ChildRun> {
  let run = runs.get(adapter);
  if (run === undefined) {
    const [ref, unref] = [`G44-${adapter}-ref`, `G44-${adapter}-unref`];
    for (const id of [ref, unref]) servers.fault.script(id, [{ status: 503 }, { status: 200 }]);
    const url = (id: string) => `${servers.fault.url}/s/${id}/v1/chat/completions`;
    run = spawnChild(adapter, url(ref), url(unref)).then((exit) => ({
      ...exit,
      arrivals: { ref: servers.fault.arrivals(ref), unref: servers.fault.arrivals(unref) },
    }));
    runs.set(adapter, run);
  }
  return run;
}

const lineOf = (stdout: string, prefix: string) => new RegExp(`^${prefix} settled (.*)$`, 'm').exec(stdout)?.[1];

async function pendingRetryKeepsAlive({ adapter, servers }: CaseContext): Promise<Seen> {
  const run = await childRun(adapter, servers);
  const settled = lineOf(run.stdout, 'ref');
  const ended = `settled ${settled ?? 'never'}, exit ${run.code}`;
  const outcome =
    settled === undefined
      ? ended
      : withChecks(ended, { 'exited promptly after': run.settledToExitMs < PROMPT_EXIT_MS });
  return { arrivals: run.arrivals.ref, outcomes: [outcome] };
}

async function unrefClockExits({ adapter, servers }: CaseContext): Promise<Seen> {
  const run = await childRun(adapter, servers);
  return {
    arrivals: run.arrivals.unref,
    outcomes: [`settled ${lineOf(run.stdout, 'unref') ?? 'never'}, exit ${run.code}`],
  };
}

export const PROCESS_EXIT_CASES: readonly Case[] = [
  {
    name: 'a pending retry keeps the process alive; it exits once the call settles',
    run: pendingRetryKeepsAlive,
    expect: { arrivals: 2, outcome: 'settled 200, exit 0' },
  },
  {
    name: "unref'd clock: the process exits during the backoff",
    run: unrefClockExits,
    expect: { arrivals: 1, outcome: 'settled never, exit 0' },
  },
];
