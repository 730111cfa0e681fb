import { brandGuard, StaunchError, type StaunchErrorContext } from './staunch-error.js';

/** The caller's `AbortSignal` fired. `cause` is exactly `signal.reason`. Never retried. */
export class AbortedError extends StaunchError {
  constructor(context: StaunchErrorContext) {
    super('StaunchAbortedError', 'The call was aborted by its signal.', context);
  }
}
export const isAbortedError = brandGuard<AbortedError>('StaunchAbortedError');
