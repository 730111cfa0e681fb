import { hasRedisBinary, type RedisServer, startRedisServer } from '@staunch/testing';

/** Where the tests find Redis: `REDIS_URL` (set by .ci/run), else a server they start. */
export interface TestRedis {
  readonly url: string;
  /** Stops the server if the tests started it. */
  close(): Promise<void>;
}

const CI = process.env.CI === 'true';

/**
 * `undefined` when no Redis can be had: the caller skips, loudly. Under `CI=true` a missing Redis
 * throws instead, so CI cannot pass without running the shared-throttle tests.
 */
export async function testRedis(): Promise<TestRedis | undefined> {
  const url = process.env.REDIS_URL;
  if (url !== undefined && url !== '') return { url, close: async () => {} };
  const server = await ownRedis('REDIS_URL is not set');
  return server === undefined ? undefined : { url: server.url, close: () => server.stop() };
}

/** A server of the test's own (for kill and restart), or `undefined` (skip) without the binary. */
export async function ownRedis(
  why = 'these tests kill and restart their own server',
): Promise<RedisServer | undefined> {
  if (hasRedisBinary()) return startRedisServer();
  const message = `redis-server is not installed and ${why}: the Redis tests of @staunch/redis are SKIPPED`;
  if (CI) throw new Error(`${message} — not allowed under CI=true.`);
  console.warn(`\n!!!!!!!! ${message} !!!!!!!!\n`);
  return undefined;
}

/** A key prefix no other test (or run) uses. */
export function uniquePrefix(name: string): string {
  return `test:${name}:${process.pid}:${Math.random().toString(36).slice(2, 10)}:`;
}
