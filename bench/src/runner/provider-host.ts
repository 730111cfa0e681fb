// The mock providers live in this child process, so a client's CPU time never delays the
// server's clock, buckets or answers. The arena starts and finishes providers over IPC.
import { type MockProvider, startMockProvider } from '@staunch/testing';
import { nowMs } from './clock.js';
import type { HostOrder, HostReply } from './provider-messages.js';

const providers = new Map<number, MockProvider>();

function reply(message: HostReply): void {
  process.send?.(message);
}

async function handle(order: HostOrder): Promise<void> {
  if (order.type === 'start') {
    const before = nowMs();
    const provider = await startMockProvider(order.options);
    providers.set(order.id, provider);
    reply({ type: 'started', id: order.id, url: provider.url, startedAt: before });
    return;
  }
  const provider = providers.get(order.id);
  if (provider === undefined) throw new Error(`No provider ${order.id}`);
  providers.delete(order.id);
  const stats = provider.stats();
  const poisonArrivals = order.poisonIds.map((id) => provider.arrivals(id));
  await provider.close();
  reply({
    type: 'finished',
    id: order.id,
    reading: { arrivals: stats.arrivals, rateLimited: stats.rateLimited, timeline: stats.timeline, poisonArrivals },
  });
}

process.on('message', (order: HostOrder) => {
  handle(order).catch((error: unknown) => reply({ type: 'failed', id: order.id, message: String(error) }));
});
process.on('disconnect', () => process.exit(0));
reply({ type: 'ready' });
