import type { Dispatcher } from 'undici';

/**
 * The controller Staunch hands the caller's handler: one per call, whatever the attempts. Its
 * abort ends the call (any wait or attempt at once); pause and resume steer the replay of the
 * final body to the handler.
 */
export class CallController implements Dispatcher.DispatchController {
  readonly #abort = new AbortController();
  #paused = false;
  #resumed: (() => void) | undefined;

  get signal(): AbortSignal {
    return this.#abort.signal;
  }
  get aborted(): boolean {
    return this.#abort.signal.aborted;
  }
  get paused(): boolean {
    return this.#paused;
  }
  get reason(): Error | null {
    return this.aborted ? (this.#abort.signal.reason as Error) : null;
  }
  abort(reason: Error): void {
    this.#abort.abort(reason);
    this.resume();
  }
  pause(): void {
    this.#paused = true;
  }
  resume(): void {
    this.#paused = false;
    const resumed = this.#resumed;
    this.#resumed = undefined;
    resumed?.();
  }
  /** Resolves once the handler wants data again (at once when it is not paused). */
  whenResumed(): Promise<void> {
    if (!this.#paused) return Promise.resolve();
    return new Promise((resolve) => {
      this.#resumed = resolve;
    });
  }
}
