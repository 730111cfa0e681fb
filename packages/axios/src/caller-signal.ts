import type { InternalAxiosRequestConfig } from 'axios';

/**
 * The caller's cancellation as one AbortSignal: axios's `signal` and the older `cancelToken`.
 * Attempts get the engine's signal instead, so a cancellation ends the call rather than failing
 * one attempt that the policy might retry.
 */
export function callerSignal(config: InternalAxiosRequestConfig): { signal: AbortSignal | undefined; dispose(): void } {
  const signal = config.signal as AbortSignal | undefined;
  const token = config.cancelToken;
  if (token === undefined) return { signal, dispose: () => {} };
  const controller = new AbortController();
  const onCancel = (reason: unknown): void => controller.abort(reason);
  if (token.reason !== undefined) controller.abort(token.reason);
  else token.subscribe?.(onCancel as never);
  const combined = signal === undefined ? controller.signal : AbortSignal.any([signal, controller.signal]);
  return { signal: combined, dispose: () => token.unsubscribe?.(onCancel as never) };
}
