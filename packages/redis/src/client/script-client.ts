/**
 * The two Redis commands the shared throttle needs, whichever client library sends them.
 * `fromNodeRedis` and `fromIoredis` build one from a connected client.
 */
export interface ScriptClient {
  evalsha(sha: string, keys: readonly string[], args: readonly string[]): Promise<unknown>;
  eval(script: string, keys: readonly string[], args: readonly string[]): Promise<unknown>;
  /**
   * Optional: `false` while the client knows it has no connection and would only queue a
   * command until it reconnects. The throttle then takes Redis as unreachable at once, rather
   * than after `redisTimeoutMs` (a killed Redis costs every process that much of a stall).
   */
  connected?(): boolean;
}

/** Redis answers `EVALSHA` with `NOSCRIPT` when its script cache no longer holds the script (restart, `SCRIPT FLUSH`). */
export function isNoScriptError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return message.startsWith('NOSCRIPT');
}
