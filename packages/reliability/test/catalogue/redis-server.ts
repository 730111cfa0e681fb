import { type RedisServer, startRedisServer } from '@staunch/testing';

/** A redis-server of one case's own, for the faults that would break a shared one (kill, flush, maxmemory). */
export type PrivateRedis = RedisServer;

/**
 * Runs `work` with a redis-server on a free loopback port (started unless `started: false`, so
 * a case can show Redis down at startup) and always stops it afterwards.
 */
export async function withPrivateRedis<T>(
  work: (server: PrivateRedis) => Promise<T>,
  { started = true }: { readonly started?: boolean } = {},
): Promise<T> {
  const server = await startRedisServer({ started });
  try {
    return await work(server);
  } finally {
    await server.kill();
  }
}
