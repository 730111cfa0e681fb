/** Counts the Redis calls under way, so `whenIdle()` can wait for them (before closing a client). */
export class InFlight {
  #count = 0;
  #idle: (() => void)[] = [];

  track<T>(work: Promise<T>): Promise<T> {
    this.#count += 1;
    const done = (): void => {
      this.#count -= 1;
      if (this.#count > 0) return;
      const idle = this.#idle;
      this.#idle = [];
      for (const resolve of idle) resolve();
    };
    work.then(done, done);
    return work;
  }

  whenIdle(): Promise<void> {
    if (this.#count === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }
}
