import type { ScriptClient } from '../../src/index.js';

/** A real client that a test can cut off: while `down`, every call fails as a refused connection would. */
export interface SwitchableClient extends ScriptClient {
  down: boolean;
}

export function switchable(inner: ScriptClient): SwitchableClient {
  const refuse = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
  const client: SwitchableClient = {
    down: false,
    evalsha: (sha, keys, args) => (client.down ? refuse() : inner.evalsha(sha, keys, args)),
    eval: (script, keys, args) => (client.down ? refuse() : inner.eval(script, keys, args)),
  };
  return client;
}
