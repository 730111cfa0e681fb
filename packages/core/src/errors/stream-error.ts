import { brandGuard, StaunchError, type StaunchErrorContext } from './staunch-error.js';

/**
 * How a committed stream failed: an in-band error event, an end without the dialect's end
 * marker, a broken connection, or no bytes for longer than the idle limit.
 */
export type StreamFailure = 'error-event' | 'truncated' | 'interrupted' | 'stalled';

export interface StreamErrorContext extends StaunchErrorContext {
  readonly failure: StreamFailure;
  /** True once the response was handed to the caller: Staunch will not retry, the answer is incomplete. */
  readonly partial: boolean;
  /** Body bytes that had arrived before the failure. */
  readonly receivedBytes: number;
}

/**
 * A streamed (SSE) response failed. Raised by the body's reader, not by the call: after the
 * first byte is handed over, retrying would splice two answers into one (reliability.md G9).
 */
export class StreamError extends StaunchError {
  readonly failure: StreamFailure;
  readonly partial: boolean;
  readonly receivedBytes: number;
  constructor(message: string, context: StreamErrorContext) {
    super('StaunchStreamError', message, context);
    this.failure = context.failure;
    this.partial = context.partial;
    this.receivedBytes = context.receivedBytes;
  }
}
export const isStreamError = brandGuard<StreamError>('StaunchStreamError');
