import type { ScopeState, ThrottleCost, ThrottleFeedback, ThrottleTuning } from '@staunch/core';
import type { ScriptClient } from '../client/script-client.js';
import { runThrottleScript } from './run-script.js';
import {
  acquireArgs,
  commonArgs,
  type PresenceTail,
  parseState,
  parseWait,
  presenceArgs,
  recordArgs,
  type ScriptOp,
  scriptArgs,
} from './script-args.js';
import { type PresenceReply, parseReply } from './script-reply.js';

/** An acquire's answer and what it saw. */
export interface AcquireReply extends PresenceReply {
  /** 0 granted, > 0 ask again after it, −1 (`WAIT_FOR_RELEASE`) wait for a release. */
  readonly waitMs: number;
}

/** The script's ops on one client, each one round trip (no timeout here; the throttle adds it). */
export interface ThrottleScript {
  acquire(key: string, cost: ThrottleCost, scout: boolean, tail: PresenceTail): Promise<AcquireReply>;
  record(key: string, feedback: ThrottleFeedback, tail: PresenceTail): Promise<PresenceReply>;
  /** Hands back a grant nobody will use: a cancelled record (only the in-flight count). */
  release(key: string, tail: PresenceTail): Promise<PresenceReply>;
  /** Renews the process's lease (and, with `tail.held`, sets its holding); creates nothing. */
  heartbeat(key: string, tail: PresenceTail): Promise<PresenceReply>;
  inspect(key: string): Promise<ScopeState | undefined>;
  /** Processes with a live lease on the scope. Read-only. */
  count(key: string): Promise<number>;
  /** Read-only: Redis's time, ms. */
  ping(key: string): Promise<number>;
}

const CANCELLED: ThrottleFeedback = Object.freeze({
  cost: { requests: 0, tokens: 0 },
  reason: undefined,
  status: undefined,
  retryAfterMs: undefined,
  rateLimits: [],
  cancelled: true,
});

export interface ThrottleScriptOptions {
  readonly client: ScriptClient;
  readonly keyTtlMs: number;
  readonly tuning: ThrottleTuning;
  /** `undefined`: the script reads Redis's `TIME`. */
  readonly now: (() => number) | undefined;
}

export function throttleScript(options: ThrottleScriptOptions): ThrottleScript {
  const common = commonArgs(options.keyTtlMs, options.tuning);
  const run = (op: ScriptOp, key: string, rest?: string[]): Promise<unknown> =>
    options.client.connected?.() === false
      ? Promise.reject(new Error('the Redis client is not connected (it is connecting or reconnecting)'))
      : runThrottleScript(options.client, key, scriptArgs(op, options.now?.(), common, rest));
  return {
    acquire: async (key, cost, scout, tail) => {
      const reply = parseReply(await run('a', key, [...acquireArgs(cost, scout), ...presenceArgs(tail)]));
      return { ...reply, waitMs: parseWait(reply.result) };
    },
    record: async (key, feedback, tail) =>
      parseReply(await run('r', key, [...recordArgs(feedback), ...presenceArgs(tail)])),
    release: async (key, tail) => parseReply(await run('r', key, [...recordArgs(CANCELLED), ...presenceArgs(tail)])),
    heartbeat: async (key, tail) => parseReply(await run('h', key, presenceArgs(tail))),
    inspect: async (key) => parseState(await run('i', key)),
    count: async (key) => parseWait(await run('c', key)),
    ping: async (key) => Number(await run('p', key)),
  };
}
