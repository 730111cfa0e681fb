import type { ScopeState } from '@staunch/core';
import { parseState, parseWait } from './script-args.js';

/** What one call saw of the shared scope: Redis's time, the live processes and the state after it. */
export interface Sighting {
  /** The script's `now` (Redis's `TIME`, or the test clock), ms. */
  readonly now: number;
  /** Processes holding a live lease on the scope. */
  readonly processes: number;
  /** The scope's state after the call, or `undefined` when Redis holds none. */
  readonly state: ScopeState | undefined;
}

/** A reply of an 'a', 'r' or 'h' call (presence-lua.ts): the learner's own reply, and the sighting. */
export interface PresenceReply {
  readonly result: string;
  readonly sighting: Sighting;
}

export function parseReply(reply: unknown): PresenceReply {
  if (!Array.isArray(reply) || reply.length < 3 || typeof reply[0] !== 'string') {
    throw new TypeError(`Unexpected reply from the throttle script: ${String(reply)}`);
  }
  const [result, now, processes, ...state] = reply as unknown[];
  return {
    result: result as string,
    sighting: {
      now: parseWait(now),
      processes: parseWait(processes),
      state: state.length === 0 ? undefined : parseState(state),
    },
  };
}
