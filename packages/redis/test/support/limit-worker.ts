// A child process of the four-process test: one client, one Redis throttle, `concurrency`
// callers on one scope; reports the epoch-ms instant of every grant to its parent over IPC.
import { createRedisThrottle } from '../../src/index.js';
import { CLIENT_KINDS } from './clients.js';
import { feedback, toldRate } from './feedback.js';

interface Order {
  readonly url: string;
  readonly kind: string;
  readonly prefix: string;
  readonly scope: string;
  readonly ratePerS: number;
  readonly durationMs: number;
  readonly concurrency: number;
}

const order = JSON.parse(process.argv[2] ?? '{}') as Order;
const kind = CLIENT_KINDS.find((k) => k.name === order.kind);
if (kind === undefined) throw new Error(`unknown client kind ${order.kind}`);
const client = await kind.connect(order.url);
const throttle = createRedisThrottle({ client: client.script, keyPrefix: order.prefix });
process.send?.({ type: 'ready' });
await new Promise((resolve) => process.once('message', resolve));

const sent: number[] = [];
const stopAt = Date.now() + order.durationMs;
const caller = async (): Promise<void> => {
  while (Date.now() < stopAt) {
    await throttle.acquire(order.scope, { requests: 1, tokens: 0 });
    sent.push(Date.now());
    // A 10–30 ms "request", answered with the provider's rate in its headers.
    await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 20));
    throttle.record(order.scope, feedback(undefined, [toldRate(order.ratePerS)]));
  }
};
await Promise.all(Array.from({ length: order.concurrency }, caller));
await throttle.whenIdle();
process.send?.({ type: 'done', sent, degraded: throttle.degraded });
await client.close();
process.disconnect?.();
