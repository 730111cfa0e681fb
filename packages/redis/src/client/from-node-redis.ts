import type { ScriptClient } from './script-client.js';

/** The part of a node-redis (`redis` v5/v6) client, or cluster, that the throttle uses. */
export interface NodeRedisLike {
  evalSha(sha: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  readonly isOpen?: boolean;
  readonly isReady?: boolean;
}

/** Adapts a connected node-redis client. */
export function fromNodeRedis(client: NodeRedisLike): ScriptClient {
  return {
    evalsha: (sha, keys, args) => client.evalSha(sha, { keys: [...keys], arguments: [...args] }),
    eval: (script, keys, args) => client.eval(script, { keys: [...keys], arguments: [...args] }),
    // Open but not ready: connecting or reconnecting, commands would wait in the offline queue.
    connected: () => !(client.isOpen === true && client.isReady === false),
  };
}
