import { createHash } from 'node:crypto';
import { isNoScriptError, type ScriptClient } from '../client/script-client.js';
import { SCRIPT_LUA } from './presence-lua.js';

const SCRIPT_SHA = createHash('sha1').update(SCRIPT_LUA).digest('hex');

/**
 * Runs the throttle script (the learner inside presence, presence-lua.ts): `EVALSHA` (the
 * script is sent once per Redis lifetime), and `EVAL` when Redis answers `NOSCRIPT` — after a
 * restart or `SCRIPT FLUSH`, so recovery costs one extra round trip and no configuration.
 */
export async function runThrottleScript(client: ScriptClient, key: string, args: readonly string[]): Promise<unknown> {
  try {
    return await client.evalsha(SCRIPT_SHA, [key], args);
  } catch (error) {
    if (!isNoScriptError(error)) throw error;
    return client.eval(SCRIPT_LUA, [key], args);
  }
}
