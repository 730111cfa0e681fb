// A child process of the shared-key scenario: for each order it builds a fresh client, runs its
// part of the load against the parent's provider, and sends its records back over IPC.
import { CLIENTS } from '../clients/registry.js';
import { nowMs } from './clock.js';
import { plannedRequests } from './planned-requests.js';
import { runLoad } from './run-load.js';
import type { WorkerOrder, WorkerReport } from './shared-key-messages.js';

function report(message: WorkerReport): void {
  process.send?.(message);
}

process.on('message', (order: WorkerOrder) => {
  void run(order).then(
    (records) => report({ type: 'done', records }),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
process.on('disconnect', () => process.exit(0));
report({ type: 'ready' });

async function run(order: WorkerOrder) {
  const factory = CLIENTS[order.client];
  if (factory === undefined) throw new Error(`Unknown client '${order.client}'`);
  const client = factory(order.context);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('scenario timeout')), order.deadlineMs - nowMs());
  try {
    const requests = plannedRequests(order.scenario, order.count, order.first);
    return await runLoad(client, requests, order.concurrency, controller.signal);
  } finally {
    clearTimeout(timer);
    controller.abort();
    client.close?.();
  }
}
