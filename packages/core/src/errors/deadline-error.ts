import { brandGuard, StaunchError, type StaunchErrorContext } from './staunch-error.js';

/** The call's total deadline (`timeoutMs`) ran out, or left too little time for another attempt. */
export class DeadlineError extends StaunchError {
  constructor(message: string, context: StaunchErrorContext) {
    super('StaunchDeadlineError', message, context);
  }
}
export const isDeadlineError = brandGuard<DeadlineError>('StaunchDeadlineError');
