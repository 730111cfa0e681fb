import type { Scenario } from '../scenarios/scenario.js';
import type { ProviderHost } from './provider-client.js';
import { runInProcess } from './run-in-process.js';
import type { RunResult } from './run-result.js';
import { runSharedKey } from './run-shared-key.js';
import type { SharingMode } from './shared-key-messages.js';

/**
 * Every client of one scenario, at most `jobs` at a time (one at a time when the scenario is
 * an overhead measurement or spawns processes). Results keep the clients' order.
 */
export async function runScenario(
  scenario: Scenario,
  clients: readonly string[],
  jobs: number,
  sharing: SharingMode,
  host: ProviderHost,
): Promise<RunResult[]> {
  const parallel = scenario.exclusive || (scenario.processes ?? 1) > 1 ? 1 : jobs;
  const results: RunResult[] = new Array(clients.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < clients.length; i = next++) {
      const client = clients[i] as string;
      results[i] =
        (scenario.processes ?? 1) > 1
          ? await runSharedKey(scenario, client, sharing, host)
          : await runInProcess(scenario, client, host);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, clients.length) }, lane));
  return results;
}
