import { createHash } from 'node:crypto';
import { isNoScriptError, type ScriptClient } from '../client/script-client.js';
import { THROTTLE_LUA } from './throttle-lua.js';

const THROTTLE_SHA = createHash('sha1').update(THROTTLE_LUA).digest('hex');

/**
 * Runs the throttle script: `EVALSHA` (the script is sent once per Redis lifetime), and `EVAL`
 * when Redis answers `NOSCRIPT` — after a restart or `SCRIPT FLUSH`, so recovery costs one
 * extra round trip and no configuration.
 */
export async function runThrottleScript(client: ScriptClient, key: string, args: readonly string[]): Promise<unknown> {
  try {
    return await client.evalsha(THROTTLE_SHA, [key], args);
  } catch (error) {
    if (!isNoScriptError(error)) throw error;
    return client.eval(THROTTLE_LUA, [key], args);
  }
}
