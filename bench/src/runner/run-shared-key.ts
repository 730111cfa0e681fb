import type { Scenario } from '../scenarios/scenario.js';
import { clientContext } from './client-context.js';
import { nowMs } from './clock.js';
import { collectResult, poisonIds } from './collect-result.js';
import type { ProviderHost } from './provider-client.js';
import type { RunResult } from './run-result.js';
import type { SharingMode, WorkerOrder } from './shared-key-messages.js';
import type { WorkerPool } from './worker-pool.js';

/** Extra time a worker gets past the scenario's deadline to report. */
const REPORT_GRACE_MS = 5000;

/**
 * Several processes, one key, one provider: each worker runs its share of the requests at its
 * share of the concurrency, with its own client. The provider starts only once every worker
 * has booted, so boot time is not charged to the clients.
 */
export async function runSharedKey(
  scenario: Scenario,
  clientName: string,
  sharing: SharingMode,
  host: ProviderHost,
  pool: WorkerPool,
): Promise<RunResult> {
  await pool.ready();
  const provider = await host.start({ ...scenario.server, seed: 1 });
  const context = clientContext(scenario, provider.url, pool.size);
  const count = Math.ceil(scenario.requests / pool.size);
  const deadlineMs = nowMs() + scenario.timeoutMs;
  const orders = Array.from(
    { length: pool.size },
    (_, i): WorkerOrder => ({
      scenario,
      client: clientName,
      context,
      sharing,
      first: i * count,
      count: Math.min(count, scenario.requests - i * count),
      concurrency: Math.ceil(scenario.concurrency / pool.size),
      deadlineMs,
    }),
  );
  const settled = await pool.run(orders, scenario.timeoutMs + REPORT_GRACE_MS);
  const records = settled.flatMap((r) => (r.status === 'fulfilled' && r.value.type === 'done' ? r.value.records : []));
  const reading = await provider.finish(poisonIds(records));
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
  return collectResult(scenario, clientName, reading, records, provider.startedAt);
}
