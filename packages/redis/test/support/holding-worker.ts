// A child process of the killed-process test: one Redis throttle that acquires `hold` attempts
// on one scope, says so, and never records them — it waits to be killed.
import { createRedisThrottle } from '../../src/index.js';
import { CLIENT_KINDS } from './clients.js';

interface Order {
  readonly url: string;
  readonly kind: string;
  readonly prefix: string;
  readonly scope: string;
  readonly hold: number;
}

const order = JSON.parse(process.argv[2] ?? '{}') as Order;
const kind = CLIENT_KINDS.find((k) => k.name === order.kind);
if (kind === undefined) throw new Error(`unknown client kind ${order.kind}`);
const client = await kind.connect(order.url);
const throttle = createRedisThrottle({ client: client.script, keyPrefix: order.prefix });
for (let i = 0; i < order.hold; i++) await throttle.acquire(order.scope, { requests: 1, tokens: 0 });
process.send?.({ type: 'holding' });
// Attempts that never end: only the heartbeat speaks for this process from now on.
setInterval(() => {}, 60_000);
