import { brandGuard, StaunchError, type StaunchErrorContext } from './staunch-error.js';

/** Every attempt the policy allowed failed with a retryable outcome (or the body could not be replayed). */
export class RetriesExhaustedError extends StaunchError {
  constructor(message: string, context: StaunchErrorContext) {
    super('StaunchRetriesExhaustedError', message, context);
  }
}
export const isRetriesExhaustedError = brandGuard<RetriesExhaustedError>('StaunchRetriesExhaustedError');
