/** What a subscription returns: call `dispose()` (or use `using`) to stop listening. */
export interface Disposable {
  dispose(): void;
}

/** Subscribes a listener and returns its disposable. */
export type Event<T> = (listener: (value: T) => void) => Disposable;

export interface Emitter<T> {
  readonly event: Event<T>;
  readonly size: number;
  emit(value: T): void;
}

/**
 * A synchronous emitter. A listener that throws is reported through `queueMicrotask`
 * (an uncaught error, as for a DOM event) and never breaks the call that emitted.
 */
export function createEmitter<T>(): Emitter<T> {
  const listeners = new Set<(value: T) => void>();
  return {
    event: (listener) => {
      const entry = (value: T): void => listener(value);
      listeners.add(entry);
      return { dispose: () => void listeners.delete(entry) };
    },
    get size() {
      return listeners.size;
    },
    emit(value) {
      for (const listener of [...listeners]) {
        try {
          listener(value);
        } catch (error) {
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    },
  };
}
