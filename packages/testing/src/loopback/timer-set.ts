/**
 * The timers a server has pending (delays, slow bodies, SSE intervals), so that closing the
 * server cancels them all and nothing keeps the process alive afterwards.
 */
export class TimerSet {
  readonly #pending = new Set<ReturnType<typeof setTimeout>>();
  #closed = false;

  /** Runs `callback` after `ms`, unless the set is cleared first. */
  after(ms: number, callback: () => void): void {
    if (this.#closed) return;
    const handle = setTimeout(
      () => {
        this.#pending.delete(handle);
        callback();
      },
      Math.max(0, ms),
    );
    this.#pending.add(handle);
  }

  /** Resolves after `ms`; never resolves once the set is cleared (the socket is gone by then). */
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => this.after(ms, resolve));
  }

  clear(): void {
    this.#closed = true;
    for (const handle of this.#pending) clearTimeout(handle);
    this.#pending.clear();
  }
}
