/**
 * The two Redis commands the shared throttle needs, whichever client library sends them.
 * `fromNodeRedis` and `fromIoredis` build one from a connected client.
 */
export interface ScriptClient {
  evalsha(sha: string, keys: readonly string[], args: readonly string[]): Promise<unknown>;
  eval(script: string, keys: readonly string[], args: readonly string[]): Promise<unknown>;
}

/** Redis answers `EVALSHA` with `NOSCRIPT` when its script cache no longer holds the script (restart, `SCRIPT FLUSH`). */
export function isNoScriptError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return message.startsWith('NOSCRIPT');
}
