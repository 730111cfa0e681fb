import type { ScriptClient } from './script-client.js';

/** The part of an ioredis (v5/v6) client, or cluster, that the throttle uses. */
export interface IoredisLike {
  evalsha(sha: string, numkeys: number, ...keysAndArgs: string[]): Promise<unknown>;
  eval(script: string, numkeys: number, ...keysAndArgs: string[]): Promise<unknown>;
  readonly status?: string;
}

/** ioredis statuses in which a command waits in the offline queue for a connection being made. */
const CONNECTING = new Set(['connecting', 'connect', 'reconnecting']);

/** Adapts an ioredis client. */
export function fromIoredis(client: IoredisLike): ScriptClient {
  return {
    evalsha: (sha, keys, args) => client.evalsha(sha, keys.length, ...keys, ...args),
    eval: (script, keys, args) => client.eval(script, keys.length, ...keys, ...args),
    // 'wait' (lazyConnect) is left alone: the first command is what connects.
    connected: () => !CONNECTING.has(client.status ?? ''),
  };
}
