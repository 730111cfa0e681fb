import { brandGuard, StaunchError, type StaunchErrorContext } from './staunch-error.js';

/**
 * The server answered with a status the policy says waiting cannot fix (a fail-fast rule):
 * a bad key, a spend limit, a prompt too long. `hint` says what to change.
 */
export class HttpError extends StaunchError {
  constructor(message: string, context: StaunchErrorContext & { status: number }) {
    super('StaunchHttpError', message, context);
  }
}
export const isHttpError = brandGuard<HttpError>('StaunchHttpError');
