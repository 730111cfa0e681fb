import { isStaunchError, StaunchError, type StaunchErrorContext } from '@staunch/core';

const KIND = 'StaunchRedisUnavailableError';

/**
 * The shared throttle could not reach Redis within `redisTimeoutMs` (or Redis answered with an
 * error), and `onRedisError` is `'fail-closed'`: the attempt was refused rather than sent
 * unpaced. `cause` holds the client's error or the timeout.
 */
export class RedisUnavailableError extends StaunchError {
  constructor(message: string, context: StaunchErrorContext = {}) {
    super(KIND, message, context);
  }
}

/** Brand-based like core's guards (`name` is the brand), so it works across duplicate installs. */
export function isRedisUnavailableError(value: unknown): value is RedisUnavailableError {
  return isStaunchError(value) && value.name === KIND;
}

/** The refusal of a fail-closed throttle whose Redis is unreachable; `cause` is the last error. */
export function redisUnavailable(cause: unknown): RedisUnavailableError {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new RedisUnavailableError(
    `The shared throttle could not reach Redis (${why}); onRedisError is 'fail-closed'. Check the connection, or use 'fail-open' to pace locally meanwhile.`,
    { cause },
  );
}
