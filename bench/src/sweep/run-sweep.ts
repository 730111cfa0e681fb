import type { ProviderHost } from '../runner/provider-client.js';
import { runInProcess } from '../runner/run-in-process.js';
import type { RunResult } from '../runner/run-result.js';
import { type RunFigures, runFigures } from './run-figures.js';
import type { SweepContender, SweepPoint } from './sweep-point.js';

/** A fixed-window run starts this long after the boundary, so its first window is (nearly) whole. */
const AFTER_BOUNDARY_MS = 50;
/** How much of the load the discarded warm-up of an exclusive point sends. */
const WARM_UP_SHARE = 0.25;

export interface SweepRunOptions {
  readonly runs: number;
  /** Runs at a time in the ordinary phase. */
  readonly jobs: number;
  readonly host: ProviderHost;
  readonly log: (line: string) => void;
}

interface Job {
  readonly point: SweepPoint;
  readonly contender: SweepContender;
  readonly run: number;
}

/**
 * Every contender of every point, `runs` times, each against a fresh provider (seed 1), in
 * three phases: ordinary points `jobs` at a time, run-major so the runs of one point are spread
 * over the sweep; fixed-window points, all of one run together from one window boundary (they
 * mostly wait); and exclusive points alone, after a discarded warm-up, contenders interleaved.
 */
export async function runSweep(points: readonly SweepPoint[], options: SweepRunOptions): Promise<RunFigures[]> {
  const jobs = Array.from({ length: options.runs }, (_, r) =>
    points.flatMap((point) => point.contenders.map((contender): Job => ({ point, contender, run: r + 1 }))),
  ).flat();
  const figures: RunFigures[] = [];
  let done = 0;
  const one = async (job: Job, record = true): Promise<void> => {
    const began = performance.now();
    const result = await attempt(job);
    if (!record) return;
    done++;
    const seconds = ((performance.now() - began) / 1000).toFixed(1);
    const where = `(${done}/${jobs.length}) ${job.point.id} · ${job.contender.label} run ${job.run}`;
    if (typeof result === 'string') {
      options.log(`[sweep] ${where}: FAILED TO RUN (${result})`);
      return;
    }
    const figure = runFigures(job.point.id, job.contender.label, job.run, result);
    figures.push(figure);
    options.log(`[sweep] ${where}: ${brief(figure)}, ${seconds} s`);
  };
  const attempt = async (job: Job): Promise<RunResult | string> => {
    try {
      const policy = job.contender.policy;
      return await runInProcess(job.point.scenario, job.contender.client, options.host, policy ? { policy } : {});
    } catch (error) {
      return String(error);
    }
  };

  await inLanes(
    jobs.filter((j) => j.point.alignToWindowMs === undefined && j.point.exclusive !== true),
    options.jobs,
    one,
  );
  for (let run = 1; run <= options.runs; run++) {
    const windowed = jobs.filter((j) => j.run === run && j.point.alignToWindowMs !== undefined);
    const windowMs = windowed[0]?.point.alignToWindowMs;
    if (windowMs === undefined) continue;
    await sleep(windowMs - (Date.now() % windowMs) + AFTER_BOUNDARY_MS);
    await Promise.all(windowed.map((job) => one(job)));
  }
  const exclusive = jobs.filter((j) => j.point.exclusive === true);
  const warmed = new Set<string>();
  for (const job of exclusive) {
    if (!warmed.has(job.point.id)) {
      warmed.add(job.point.id);
      const requests = Math.ceil(job.point.scenario.requests * WARM_UP_SHARE);
      await one({ ...job, point: { ...job.point, scenario: { ...job.point.scenario, requests } } }, false);
    }
    await one(job);
  }
  return figures;
}

async function inLanes(jobs: readonly Job[], parallel: number, one: (job: Job) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    for (let job = jobs[next++]; job !== undefined; job = jobs[next++]) await one(job);
  };
  await Promise.all(Array.from({ length: Math.min(parallel, jobs.length) }, lane));
}

function brief(figure: RunFigures): string {
  const goodput =
    figure.goodput === null ? `${figure.throughput.toFixed(0)}/s` : `goodput ${figure.goodput.toFixed(2)}`;
  return `${goodput}, 429 ${(figure.rateLimitedShare * 100).toFixed(1)} %, ${figure.attemptsPerRequest.toFixed(2)} attempts/request`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
