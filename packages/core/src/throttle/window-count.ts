interface Entry {
  readonly at: number;
  n: number;
}

/**
 * A count of events over a sliding window `(now - windowMs, now]`, exact to the millisecond.
 * Events at the same instant share one entry, so memory stays within `windowMs` entries however
 * many events arrive.
 */
export class WindowCount {
  readonly #windowMs: number;
  #entries: Entry[] = [];
  #head = 0;
  #total = 0;

  constructor(windowMs: number) {
    this.#windowMs = windowMs;
  }

  add(now: number, n = 1): void {
    this.total(now);
    const last = this.#entries.length > this.#head ? this.#entries[this.#entries.length - 1] : undefined;
    // A clock that steps back files the event at the latest instant seen, keeping the log sorted.
    if (last !== undefined && last.at >= now) last.n += n;
    else this.#entries.push({ at: now, n });
    this.#total += n;
  }

  /** Events in `(now - windowMs, now]`; older ones are dropped. */
  total(now: number): number {
    const oldest = now - this.#windowMs;
    for (let entry = this.#entries[this.#head]; entry !== undefined && entry.at <= oldest; ) {
      this.#total -= entry.n;
      this.#head += 1;
      entry = this.#entries[this.#head];
    }
    if (this.#head > 64 && this.#head * 2 > this.#entries.length) {
      this.#entries = this.#entries.slice(this.#head);
      this.#head = 0;
    }
    return this.#total;
  }
}
