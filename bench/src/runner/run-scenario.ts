import type { Scenario } from '../scenarios/scenario.js';
import type { ProviderHost } from './provider-client.js';
import { runInProcess } from './run-in-process.js';
import type { RunResult } from './run-result.js';
import { runSharedKey } from './run-shared-key.js';
import type { SharingMode } from './shared-key-messages.js';
import { WorkerPool } from './worker-pool.js';

/** How much of the load the discarded warm-up run of an overhead measurement sends. */
const WARM_UP_SHARE = 0.25;

/**
 * Every client of one scenario. Ordinary scenarios run `jobs` clients at a time (one at a time
 * when the scenario spawns processes). An overhead measurement runs alone, warms every client up
 * first (a discarded short run each, so none pays its JIT warm-up in a measured round) and keeps
 * each client's median round, so JIT warm-up and a noisy neighbour do not decide it.
 * Results keep the clients' order.
 */
export async function runScenario(
  scenario: Scenario,
  clients: readonly string[],
  jobs: number,
  sharing: SharingMode,
  host: ProviderHost,
): Promise<RunResult[]> {
  const pool = (scenario.processes ?? 1) > 1 ? new WorkerPool(scenario.processes ?? 1) : undefined;
  const runOne = (client: string, s: Scenario = scenario) =>
    pool === undefined ? runInProcess(s, client, host) : runSharedKey(s, client, sharing, host, pool);
  try {
    if (scenario.exclusive !== undefined)
      return await medianRounds(scenario, clients, scenario.exclusive.repeats, runOne);
    return await inLanes(clients, pool === undefined ? jobs : 1, runOne);
  } finally {
    pool?.close();
  }
}

async function inLanes(
  clients: readonly string[],
  parallel: number,
  runOne: (client: string) => Promise<RunResult>,
): Promise<RunResult[]> {
  const results: RunResult[] = new Array(clients.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < clients.length; i = next++) results[i] = await runOne(clients[i] as string);
  };
  await Promise.all(Array.from({ length: Math.min(parallel, clients.length) }, lane));
  return results;
}

async function medianRounds(
  scenario: Scenario,
  clients: readonly string[],
  repeats: number,
  runOne: (client: string, s?: Scenario) => Promise<RunResult>,
): Promise<RunResult[]> {
  const warmUp = { ...scenario, requests: Math.ceil(scenario.requests * WARM_UP_SHARE) };
  for (const client of clients) await runOne(client, warmUp);
  const rounds = clients.map((): RunResult[] => []);
  for (let round = 0; round < repeats; round++) {
    // Alternate the order (ABBA…), so a machine still speeding up or slowing down favours no client.
    const order = [...clients.keys()];
    if (round % 2 === 1) order.reverse();
    for (const i of order) rounds[i]?.push(await runOne(clients[i] as string));
  }
  return rounds.map((runs) => {
    const sorted = [...runs].sort((a, b) => throughput(a) - throughput(b));
    return sorted[Math.floor((sorted.length - 1) / 2)] as RunResult;
  });
}

function throughput(run: RunResult): number {
  const ok = run.records.filter((r) => r.ok);
  const wall = Math.max(...run.records.map((r) => r.endMs)) - Math.min(...run.records.map((r) => r.startMs));
  return wall > 0 ? ok.length / wall : 0;
}
