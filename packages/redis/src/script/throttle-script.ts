import type { ScopeState, ThrottleCost, ThrottleFeedback, ThrottleTuning } from '@staunch/core';
import type { ScriptClient } from '../client/script-client.js';
import { runThrottleScript } from './run-script.js';
import {
  acquireArgs,
  commonArgs,
  parseState,
  parseWait,
  recordArgs,
  type ScriptOp,
  scriptArgs,
} from './script-args.js';

/** The script's four ops on one client, each one round trip (no timeout here; the throttle adds it). */
export interface ThrottleScript {
  /** `waitMs`: 0 granted, > 0 ask again after it, −1 (`WAIT_FOR_RELEASE`) wait for a release. */
  acquire(key: string, cost: ThrottleCost): Promise<number>;
  record(key: string, feedback: ThrottleFeedback): Promise<void>;
  inspect(key: string): Promise<ScopeState | undefined>;
  /** Read-only: Redis's time, ms. */
  ping(key: string): Promise<number>;
}

export interface ThrottleScriptOptions {
  readonly client: ScriptClient;
  readonly keyTtlMs: number;
  readonly tuning: ThrottleTuning;
  /** `undefined`: the script reads Redis's `TIME`. */
  readonly now: (() => number) | undefined;
}

export function throttleScript(options: ThrottleScriptOptions): ThrottleScript {
  const common = commonArgs(options.keyTtlMs, options.tuning);
  const run = (op: ScriptOp, key: string, rest?: string[]) =>
    runThrottleScript(options.client, key, scriptArgs(op, options.now?.(), common, rest));
  return {
    acquire: async (key, cost) => parseWait(await run('a', key, acquireArgs(cost))),
    record: async (key, feedback) => {
      await run('r', key, recordArgs(feedback));
    },
    inspect: async (key) => parseState(await run('i', key)),
    ping: async (key) => Number(await run('p', key)),
  };
}
