/**
 * Calls and failures over a sliding window, in ten buckets (Polly's and cockatiel's sampling
 * breakers bucket the same way), so memory stays constant whatever the call rate.
 */
export class FailureWindow {
  readonly #bucketMs: number;
  readonly #starts: number[] = [];
  readonly #calls: number[] = [];
  readonly #failures: number[] = [];

  constructor(windowMs: number) {
    this.#bucketMs = Math.max(1, Math.ceil(windowMs / BUCKETS));
  }

  add(now: number, failed: boolean): void {
    const start = now - (now % this.#bucketMs);
    const last = this.#starts.length - 1;
    if (last < 0 || this.#starts[last] !== start) {
      this.#starts.push(start);
      this.#calls.push(0);
      this.#failures.push(0);
      if (this.#starts.length > BUCKETS) this.#drop();
    }
    const index = this.#starts.length - 1;
    this.#calls[index] = (this.#calls[index] ?? 0) + 1;
    if (failed) this.#failures[index] = (this.#failures[index] ?? 0) + 1;
  }

  /** Calls and failures in the window that ends at `now`. */
  totals(now: number): { calls: number; failures: number } {
    while (this.#starts.length > 0 && (this.#starts[0] ?? 0) <= now - this.#bucketMs * BUCKETS) this.#drop();
    let calls = 0;
    let failures = 0;
    for (let i = 0; i < this.#starts.length; i++) {
      calls += this.#calls[i] ?? 0;
      failures += this.#failures[i] ?? 0;
    }
    return { calls, failures };
  }

  clear(): void {
    this.#starts.length = 0;
    this.#calls.length = 0;
    this.#failures.length = 0;
  }

  #drop(): void {
    this.#starts.shift();
    this.#calls.shift();
    this.#failures.shift();
  }
}

const BUCKETS = 10;
