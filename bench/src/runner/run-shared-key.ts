import { type ChildProcess, fork } from 'node:child_process';
import type { Scenario } from '../scenarios/scenario.js';
import { clientContext } from './client-context.js';
import { nowMs } from './clock.js';
import { collectResult, poisonIds } from './collect-result.js';
import type { ProviderHost } from './provider-client.js';
import type { RunResult } from './run-result.js';
import type { SharingMode, WorkerOrder, WorkerReport } from './shared-key-messages.js';

const WORKER = new URL('./shared-key-worker.ts', import.meta.url);
/** Extra time a worker gets past the scenario's deadline to report before it is killed. */
const REPORT_GRACE_MS = 5000;
/** tsx compiles the worker on boot; two cores boot four of them in a few seconds. */
const WORKER_BOOT_MS = 30_000;

/**
 * Several processes, one key, one provider: each worker (forked with this process's tsx
 * loader) runs its share of the requests at its share of the concurrency. The provider starts
 * only once every worker has booted, so boot time is not charged to the clients.
 */
export async function runSharedKey(
  scenario: Scenario,
  clientName: string,
  sharing: SharingMode,
  host: ProviderHost,
): Promise<RunResult> {
  const processes = scenario.processes ?? 1;
  const children = Array.from({ length: processes }, () =>
    fork(WORKER, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
  );
  try {
    await Promise.all(children.map((child) => nextReport(child, 'ready', WORKER_BOOT_MS)));
    const provider = await host.start({ ...scenario.server, seed: 1 });
    const context = clientContext(scenario, provider.url, processes);
    const count = Math.ceil(scenario.requests / processes);
    const deadlineMs = nowMs() + scenario.timeoutMs;
    const reports = children.map((child, i) => {
      const order: WorkerOrder = {
        scenario,
        client: clientName,
        context,
        sharing,
        first: i * count,
        count: Math.min(count, scenario.requests - i * count),
        concurrency: Math.ceil(scenario.concurrency / processes),
        deadlineMs,
      };
      const done = nextReport(child, 'done', scenario.timeoutMs + REPORT_GRACE_MS);
      child.send(order);
      return done;
    });
    const settled = await Promise.allSettled(reports);
    const records = settled.flatMap((r) =>
      r.status === 'fulfilled' && r.value.type === 'done' ? r.value.records : [],
    );
    const reading = await provider.finish(poisonIds(records));
    const failed = settled.find((r) => r.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    return collectResult(scenario, clientName, reading, records, provider.startedAt);
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill();
  }
}

function nextReport(child: ChildProcess, type: WorkerReport['type'], timeoutMs: number): Promise<WorkerReport> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`worker did not report '${type}' in time`)), timeoutMs);
    const onMessage = (message: WorkerReport) => {
      if (message.type !== type) return;
      cleanup();
      resolve(message);
    };
    const onExit = (code: number | null) => fail(new Error(`worker exited (${code}) before '${type}'`));
    function fail(error: Error) {
      cleanup();
      reject(error);
    }
    function cleanup() {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
