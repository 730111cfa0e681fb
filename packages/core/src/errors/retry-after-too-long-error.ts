import { brandGuard, StaunchError, type StaunchErrorContext } from './staunch-error.js';

/**
 * The server asked for a wait longer than `maxRetryAfterMs` (or longer than the time left):
 * Staunch fails at once instead of sleeping. `retryAt` says when to come back.
 */
export class RetryAfterTooLongError extends StaunchError {
  constructor(message: string, context: StaunchErrorContext & { retryAt: number }) {
    super('StaunchRetryAfterTooLongError', message, context);
  }
}
export const isRetryAfterTooLongError = brandGuard<RetryAfterTooLongError>('StaunchRetryAfterTooLongError');
