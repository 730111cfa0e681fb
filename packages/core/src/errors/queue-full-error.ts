import { brandGuard, StaunchError, type StaunchErrorContext } from './staunch-error.js';

/** The throttle's wait queue for this scope is full; the call was rejected without waiting. */
export class QueueFullError extends StaunchError {
  constructor(message: string, context: StaunchErrorContext = {}) {
    super('StaunchQueueFullError', message, context);
  }
}
export const isQueueFullError = brandGuard<QueueFullError>('StaunchQueueFullError');
