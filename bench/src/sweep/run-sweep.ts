import type { ProviderHost } from '../runner/provider-client.js';
import { runInProcess } from '../runner/run-in-process.js';
import type { RunResult } from '../runner/run-result.js';
import { runScenario } from '../runner/run-scenario.js';
import { type RunFigures, runFigures } from './run-figures.js';
import type { SweepContender, SweepPoint } from './sweep-point.js';

/** A fixed-window run starts this long after the boundary, so its first window is (nearly) whole. */
const AFTER_BOUNDARY_MS = 50;

export interface SweepRunOptions {
  readonly runs: number;
  /** Runs at a time in the ordinary lanes. */
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
 * Every contender of every point, `runs` times, each against a fresh provider (seed 1).
 * Ordinary points run `jobs` at a time, run-major so the runs of one point spread over the
 * sweep; beside them, the fixed-window points of one run all start together just after a
 * wall-clock window boundary (they mostly wait); then the points too heavy to share the
 * machine run one at a time, and last the throughput comparisons, the arena's overhead way.
 */
export async function runSweep(points: readonly SweepPoint[], options: SweepRunOptions): Promise<RunFigures[]> {
  const jobs = Array.from({ length: options.runs }, (_, r) =>
    points.flatMap((point) => point.contenders.map((contender): Job => ({ point, contender, run: r + 1 }))),
  ).flat();
  const figures: RunFigures[] = [];
  let done = 0;
  const report = (job: Job, result: RunResult | string, began: number) => {
    done++;
    const where = `(${done}/${jobs.length}) ${job.point.id} · ${job.contender.label} run ${job.run}`;
    if (typeof result === 'string') return options.log(`[sweep] ${where}: FAILED TO RUN (${result})`);
    const figure = runFigures(job.point.id, job.contender.label, job.run, result);
    figures.push(figure);
    options.log(`[sweep] ${where}: ${brief(figure)}, ${((performance.now() - began) / 1000).toFixed(1)} s`);
  };
  const one = async (job: Job): Promise<void> => {
    const began = performance.now();
    const { policy } = job.contender;
    const result = await settled(
      runInProcess(job.point.scenario, job.contender.client, options.host, policy ? { policy } : {}),
    );
    report(job, result, began);
  };

  const ordinary = jobs.filter(
    (j) => j.point.alignToWindowMs === undefined && !j.point.alone && !j.point.medianOfRounds,
  );
  const windowed = async () => {
    for (let run = 1; run <= options.runs; run++) {
      const batch = jobs.filter((j) => j.run === run && j.point.alignToWindowMs !== undefined);
      const windowMs = batch[0]?.point.alignToWindowMs;
      if (windowMs === undefined) continue;
      await sleep(windowMs - (Date.now() % windowMs) + AFTER_BOUNDARY_MS);
      await Promise.all(batch.map(one));
    }
  };
  await Promise.all([inLanes(ordinary, options.jobs, one), windowed()]);
  for (const job of jobs.filter((j) => j.point.alone)) await one(job);
  for (const point of points.filter((p) => p.medianOfRounds !== undefined)) {
    for (let run = 1; run <= options.runs; run++) {
      const began = performance.now();
      const scenario = { ...point.scenario, exclusive: { repeats: point.medianOfRounds ?? 1 } };
      const clients = point.contenders.map((c) => c.client);
      const results = await settled(runScenario(scenario, clients, 1, 'per-process', options.host));
      point.contenders.forEach((contender, i) => {
        report({ point, contender, run }, typeof results === 'string' ? results : (results[i] ?? 'no result'), began);
      });
    }
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

/** A run that throws is reported and skipped, never the end of the sweep. */
async function settled<T>(promise: Promise<T>): Promise<T | string> {
  try {
    return await promise;
  } catch (error) {
    return String(error);
  }
}

function brief(figure: RunFigures): string {
  const goodput =
    figure.goodput === null ? `${figure.throughput.toFixed(0)}/s` : `goodput ${figure.goodput.toFixed(2)}`;
  return `${goodput}, 429 ${(figure.rateLimitedShare * 100).toFixed(1)} %, ${figure.attemptsPerRequest.toFixed(2)} attempts/request`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
