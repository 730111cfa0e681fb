import type { ScriptClient } from '../../src/index.js';

/** How the fake Redis answers: normally, never, or with an error. */
export type Mode = 'answer' | 'hang' | 'error';

/** A script client with no server: grants every acquire, and can be switched to hang or fail. */
export interface ScriptedClient extends ScriptClient {
  mode: Mode;
  /** The op letters of every call that reached the fake, in order. */
  readonly ops: string[];
  /** Answers every hung call now (as a slow Redis would, late). */
  answerHung(): void;
}

export function scriptedClient(): ScriptedClient {
  const hung: (() => void)[] = [];
  const reply = (args: readonly string[]): unknown => (args[0] === 'a' ? '0' : args[0] === 'p' ? '1' : 'ok');
  const call = (args: readonly string[]): Promise<unknown> => {
    client.ops.push(args[0] ?? '');
    if (client.mode === 'error') return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    if (client.mode === 'hang') return new Promise((resolve) => hung.push(() => resolve(reply(args))));
    return Promise.resolve(reply(args));
  };
  const client: ScriptedClient = {
    mode: 'answer',
    ops: [],
    evalsha: (_sha, _keys, args) => call(args),
    eval: (_script, _keys, args) => call(args),
    answerHung: () => {
      for (const answer of hung.splice(0)) answer();
    },
  };
  return client;
}
