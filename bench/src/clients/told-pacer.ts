/**
 * Sends spaced `1000 ÷ rate` ms apart, each slot fixed when its turn comes, not when it joined
 * the queue. Bottleneck's `minTime` fixes a job's start when the job is submitted, so a rate
 * change reaches only jobs submitted after it: with 32 callers queued at 25 req/s, a capacity
 * rise took 1.3 s to show (the oracle admitted 0.58 of the new capacity in the 2 s after a rise).
 */
export class ToldPacer {
  #gapMs: number;
  #lastAt = Number.NEGATIVE_INFINITY;
  readonly #queue: (() => void)[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(ratePerS: number) {
    this.#gapMs = 1000 / ratePerS;
  }

  /** A capacity step: the next send is timed from the last one at the new spacing. */
  setRate(ratePerS: number): void {
    this.#gapMs = 1000 / ratePerS;
    this.#arm();
  }

  /** Resolves when this caller may send. */
  turn(): Promise<void> {
    return new Promise((resolve) => {
      this.#queue.push(resolve);
      if (this.#queue.length === 1) this.#arm();
    });
  }

  /** Stops the timer; callers still waiting are let go (their aborted signals end them). */
  close(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const release of this.#queue.splice(0)) release();
  }

  #arm(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#queue.length === 0) return;
    const now = performance.now();
    const at = this.#lastAt + this.#gapMs;
    if (at > now) {
      this.#timer = setTimeout(() => this.#arm(), at - now);
      return;
    }
    // A slot less than a gap late (a late timer) keeps the schedule, so lateness is not lost;
    // after idle time the schedule starts again from now, with no catch-up burst.
    this.#lastAt = at >= now - this.#gapMs ? at : now;
    this.#queue.shift()?.();
    this.#arm();
  }
}
