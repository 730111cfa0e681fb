import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { fromIoredis, fromNodeRedis, type ScriptClient } from '../../src/index.js';

/** One connected client, as the throttle sees it plus what the tests need around it. */
export interface TestClient {
  readonly script: ScriptClient;
  /** Deletes this prefix's keys only: other tests share the server. */
  flush(prefix: string): Promise<unknown>;
  /** Redis's script cache, emptied (what a restart does). */
  flushScripts(): Promise<unknown>;
  close(): Promise<void>;
}

export interface ClientKind {
  readonly name: 'redis' | 'ioredis';
  connect(url: string): Promise<TestClient>;
}

const DELETE_PREFIX = `local n = 0
for _, k in ipairs(redis.call('KEYS', ARGV[1])) do n = n + redis.call('DEL', k) end
return n`;
/** Reconnect quickly: recovery after a restart is bounded by the client's own reconnect delay. */
const RECONNECT_MS = 50;

function around(script: ScriptClient, flushScripts: () => Promise<unknown>, close: () => Promise<void>): TestClient {
  return {
    script,
    flush: (prefix) => script.eval(DELETE_PREFIX, [], [`${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`]),
    flushScripts,
    close,
  };
}

export const CLIENT_KINDS: readonly ClientKind[] = [
  {
    name: 'redis',
    async connect(url) {
      const client = createClient({ url, socket: { reconnectStrategy: RECONNECT_MS, connectTimeout: 1000 } });
      client.on('error', () => {});
      await client.connect();
      return around(
        fromNodeRedis(client),
        () => client.scriptFlush(),
        async () => client.destroy(),
      );
    },
  },
  {
    name: 'ioredis',
    async connect(url) {
      const client = new Redis(url, { lazyConnect: true, retryStrategy: () => RECONNECT_MS });
      client.on('error', () => {});
      await client.connect();
      return around(
        fromIoredis(client),
        () => client.script('FLUSH'),
        async () => client.disconnect(),
      );
    },
  },
];
