import type { ScriptClient } from '../../src/index.js';

/** A client that counts the calls under way, so a test can wait until Redis has answered all. */
export interface CountingClient extends ScriptClient {
  readonly pending: number;
}

export function countingClient(inner: ScriptClient): CountingClient {
  let pending = 0;
  const count = <T>(work: Promise<T>): Promise<T> => {
    pending += 1;
    return work.finally(() => {
      pending -= 1;
    });
  };
  return {
    evalsha: (sha, keys, args) => count(inner.evalsha(sha, keys, args)),
    eval: (script, keys, args) => count(inner.eval(script, keys, args)),
    get pending() {
      return pending;
    },
  };
}
