import type { Disposable } from '../events/event.js';
import type { AttemptStartEvent, AttemptWrapper } from './types.js';

export interface AttemptWrappers {
  add(wrapper: AttemptWrapper): Disposable;
  /** Calls `run` inside every wrapper, the first added outermost. */
  run<R>(event: AttemptStartEvent, run: () => R): R;
}

/**
 * The wrappers around each attempt's transport call. A wrapper that throws before calling
 * `run` is reported like a throwing listener (asynchronously) and skipped: telemetry must never
 * turn into a failed attempt. What `run` itself throws passes through unchanged.
 */
export function createAttemptWrappers(): AttemptWrappers {
  const wrappers = new Set<{ readonly wrapper: AttemptWrapper }>();
  return {
    add(wrapper) {
      const entry = { wrapper };
      wrappers.add(entry);
      return { dispose: () => void wrappers.delete(entry) };
    },
    run(event, run) {
      let next = run;
      for (const { wrapper } of [...wrappers].reverse()) next = guardedLayer(wrapper, event, next);
      return next();
    },
  };
}

function guardedLayer<R>(wrapper: AttemptWrapper, event: AttemptStartEvent, inner: () => R): () => R {
  return () => {
    let called = false;
    try {
      return wrapper(event, () => {
        called = true;
        return inner();
      });
    } catch (error) {
      if (called) throw error;
      queueMicrotask(() => {
        throw error;
      });
      return inner();
    }
  };
}
