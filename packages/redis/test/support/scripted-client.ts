import type { ScopeState } from '@staunch/core';
import type { ScriptClient } from '../../src/index.js';

/** How the fake Redis answers: normally, never, or with an error. */
export type Mode = 'answer' | 'hang' | 'error';

/** A script client with no server: grants every acquire, and can be switched to hang or fail. */
export interface ScriptedClient extends ScriptClient {
  mode: Mode;
  /** The state every reply reports (the scope's shared state), if any; with `processes` live leases. */
  state: ScopeState | undefined;
  processes: number;
  /** The op letters of every call that reached the fake, in order. */
  readonly ops: string[];
  /** The arguments of every call, in order. */
  readonly calls: (readonly string[])[];
  /** Answers every hung call now (as a slow Redis would, late). */
  answerHung(): void;
}

const FIELDS = [
  'rate',
  'burst',
  'level',
  'tokenRate',
  'tokenBurst',
  'tokenLevel',
  'updatedAt',
  'pausedUntil',
  'window',
  'inflight',
  'lastMax',
  'epochAt',
  'successes',
  'stale',
  'phase',
  'told',
] as const;

export function scriptedClient(): ScriptedClient {
  const hung: (() => void)[] = [];
  const reply = (args: readonly string[]): unknown => {
    // The script's time: the test clock's, when the throttle passes it (timeSource 'clock').
    const now = args[1] === undefined || args[1] === '' ? '0' : args[1];
    const state = client.state;
    const fields = state === undefined ? [] : FIELDS.map((f) => String(state[f]));
    const presence = (result: string) => [result, now, String(client.processes), ...fields];
    const op = args[0];
    if (op === 'a') return presence('0');
    if (op === 'r' || op === 'h') return presence('ok');
    if (op === 'c') return String(client.processes);
    return op === 'p' ? '1' : 'ok';
  };
  const call = (args: readonly string[]): Promise<unknown> => {
    client.ops.push(args[0] ?? '');
    client.calls.push(args);
    if (client.mode === 'error') return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    if (client.mode === 'hang') return new Promise((resolve) => hung.push(() => resolve(reply(args))));
    return Promise.resolve(reply(args));
  };
  const client: ScriptedClient = {
    mode: 'answer',
    state: undefined,
    processes: 1,
    ops: [],
    calls: [],
    evalsha: (_sha, _keys, args) => call(args),
    eval: (_script, _keys, args) => call(args),
    answerHung: () => {
      for (const answer of hung.splice(0)) answer();
    },
  };
  return client;
}
