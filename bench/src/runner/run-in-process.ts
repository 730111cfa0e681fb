import { CLIENTS } from '../clients/registry.js';
import type { ClientContext } from '../clients/types.js';
import type { Scenario } from '../scenarios/scenario.js';
import { clientContext } from './client-context.js';
import { collectResult, poisonIds } from './collect-result.js';
import { plannedRequests } from './planned-requests.js';
import type { ProviderHost } from './provider-client.js';
import { type RequestRecord, runLoad } from './run-load.js';
import type { RunResult } from './run-result.js';

/** One client in this process against one fresh provider in the host process; `policy` overrides Staunch's preset pick. */
export async function runInProcess(
  scenario: Scenario,
  clientName: string,
  host: ProviderHost,
  extra: Pick<ClientContext, 'policy'> = {},
): Promise<RunResult> {
  const factory = CLIENTS[clientName];
  if (factory === undefined) throw new Error(`Unknown client '${clientName}'`);
  const provider = await host.start({ ...scenario.server, seed: 1 });
  const client = factory({ ...clientContext(scenario, provider.url), ...extra });
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('scenario timeout')), scenario.timeoutMs);
  let records: RequestRecord[] = [];
  try {
    records = await runLoad(
      client,
      plannedRequests(scenario, scenario.requests),
      scenario.concurrency,
      controller.signal,
    );
  } finally {
    clearTimeout(timer);
    controller.abort();
    client.close?.();
  }
  const reading = await provider.finish(poisonIds(records));
  return collectResult(scenario, clientName, reading, records, provider.startedAt);
}
