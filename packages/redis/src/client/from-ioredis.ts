import type { ScriptClient } from './script-client.js';

/** The part of an ioredis (v5/v6) client, or cluster, that the throttle uses. */
export interface IoredisLike {
  evalsha(sha: string, numkeys: number, ...keysAndArgs: string[]): Promise<unknown>;
  eval(script: string, numkeys: number, ...keysAndArgs: string[]): Promise<unknown>;
}

/** Adapts an ioredis client. */
export function fromIoredis(client: IoredisLike): ScriptClient {
  return {
    evalsha: (sha, keys, args) => client.evalsha(sha, keys.length, ...keys, ...args),
    eval: (script, keys, args) => client.eval(script, keys.length, ...keys, ...args),
  };
}
