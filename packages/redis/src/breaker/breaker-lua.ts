import { createHash } from 'node:crypto';
import { isNoScriptError, type ScriptClient } from '../client/script-client.js';

/**
 * The breaker words' script. Values are `o <untilEpochMs> <cause JSON>` (an opening) or
 * `c <closedAtEpochMs>` (a probe's success). `open` keeps the later opening and replaces a
 * closing; `close` replaces whatever is there; `read` returns every key's value (MGET); `claim`
 * sets a probe's key only if no one has (1: this caller won it, 0: another did). Each word
 * expires with its key: an opening at its end, a closing and a claim after a while.
 */
export const BREAKER_LUA = `
local op = ARGV[1]
if op == 'read' then return redis.call('MGET', unpack(KEYS)) end
if op == 'claim' then
  if redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[2]) then return 1 end
  return 0
end
if op == 'open' then
  local current = redis.call('GET', KEYS[1])
  if current and string.sub(current, 1, 2) == 'o ' then
    local until_ms = tonumber(string.match(current, '^o (%d+)'))
    if until_ms and until_ms >= tonumber(ARGV[4]) then return 0 end
  end
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
`;

const SHA = createHash('sha1').update(BREAKER_LUA).digest('hex');

/** `EVALSHA`, then `EVAL` on `NOSCRIPT` (after a Redis restart or `SCRIPT FLUSH`). */
export async function runBreakerScript(
  client: ScriptClient,
  keys: readonly string[],
  args: readonly string[],
): Promise<unknown> {
  try {
    return await client.evalsha(SHA, keys, args);
  } catch (error) {
    if (!isNoScriptError(error)) throw error;
    return client.eval(BREAKER_LUA, keys, args);
  }
}
