import { connect, createServer, type Socket } from 'node:net';
import type { RedisClient } from './redis-harness.js';

/** A TCP proxy in front of Redis that can hold back either direction of the traffic. */
export interface DelayProxy {
  /** `redis://127.0.0.1:PORT` */
  readonly url: string;
  /**
   * From now on, each chunk reaches the other side this late. Raise it once, after the client
   * has connected (its handshake is not the point); lowering it could reorder chunks.
   */
  delay(delays: Delays): void;
  close(): Promise<void>;
}

export interface Delays {
  /** Replies reach the client this late (a slow link or a slow Redis). @default 0 */
  readonly replyMs?: number;
  /** Commands reach Redis this late (queued on the way). @default 0 */
  readonly commandMs?: number;
}

/** Forwards `from` to `to`, each chunk `delayMs()` late; a constant delay keeps the chunks in order. */
function forward(from: Socket, to: Socket, delayMs: () => number): void {
  from.on('data', (chunk: Buffer) => {
    const ms = delayMs();
    const send = () => {
      if (to.writable) to.write(chunk);
    };
    if (ms === 0) send();
    else setTimeout(send, ms);
  });
}

/** Starts a proxy on a free loopback port to the Redis at `target` (`redis://host:port`), without delay. */
export async function startDelayProxy(target: string): Promise<DelayProxy> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  let delays: Delays = {};
  const server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    forward(client, upstream, () => delays.commandMs ?? 0);
    forward(upstream, client, () => delays.replyMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('the delay proxy has no address');
  return {
    url: `redis://127.0.0.1:${address.port}`,
    delay: (next) => {
      delays = next;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const JUNK = 'x'.repeat(1024);
const JUNK_BATCH = 200;
const MAX_JUNK = 200_000;

/**
 * Lets Redis evict `key` under memory pressure: `maxmemory` a little above what is used, policy
 * `allkeys-lru`, then 1 KiB junk keys until `key` is gone; the limit is lifted afterwards.
 * Only for a server of the case's own. Resolves with the number of keys Redis evicted.
 */
export async function evictUnderMemoryPressure(client: RedisClient, key: string): Promise<number> {
  const used = Number(/used_memory:(\d+)/.exec(await client.info('memory'))?.[1]);
  await client.configSet({ 'maxmemory-policy': 'allkeys-lru', maxmemory: String(used + 256 * 1024) });
  try {
    for (let n = 0; (await client.exists(key)) === 1; ) {
      if (n >= MAX_JUNK) throw new Error(`${key} survived ${MAX_JUNK} KiB of junk under maxmemory`);
      await Promise.all(Array.from({ length: JUNK_BATCH }, () => client.set(`junk:${n++}`, JUNK)));
    }
  } finally {
    await client.configSet({ maxmemory: '0' });
  }
  return Number(/evicted_keys:(\d+)/.exec(await client.info('stats'))?.[1]);
}
