import type { BucketReading, Meter, MeterLimits } from './meter.js';

const MS_PER_SECOND = 1000;

/**
 * A fixed-window counter: `rate × windowMs / 1000` units per window (rounded down), the count
 * reset to zero at each window boundary. Windows are aligned to the server's wall clock (a
 * 60 s window turns over on every whole minute), as per-minute quotas usually are;
 * `wallOffsetMs` is the wall-clock time of the provider's 0 ms. The reset it reports is always
 * the time to the window's end, whatever the reset meaning: that is when the count clears.
 * A capacity change takes effect at once: the units already used in this window stay used.
 */
export class FixedWindow implements Meter {
  readonly #windowMs: number;
  readonly #wallOffsetMs: number;
  #rate: number;
  #used = 0;
  #window = Number.NEGATIVE_INFINITY;

  constructor(limits: MeterLimits, windowMs: number, wallOffsetMs: number) {
    this.#rate = limits.rate;
    this.#windowMs = windowMs;
    this.#wallOffsetMs = wallOffsetMs;
  }

  /** Units one window grants. */
  get allowance(): number {
    return Math.floor((this.#rate * this.#windowMs) / MS_PER_SECOND + 1e-9);
  }

  waitMs(cost: number, nowMs: number): number {
    this.#roll(nowMs);
    if (this.#used + cost <= this.allowance) return 0;
    if (cost > this.allowance) return Number.POSITIVE_INFINITY;
    return this.#endMs() - nowMs;
  }

  take(cost: number, nowMs: number): void {
    this.#roll(nowMs);
    this.#used += cost;
  }

  /** A window holds nothing while a request runs. */
  release(): void {}

  reading(_cost: number, nowMs: number): BucketReading {
    this.#roll(nowMs);
    return {
      rate: this.#rate,
      burst: this.allowance,
      remaining: Math.max(0, Math.floor(this.allowance - this.#used)),
      resetMs: this.#endMs() - nowMs,
    };
  }

  setLimits(limits: MeterLimits, nowMs: number): void {
    this.#roll(nowMs);
    this.#rate = limits.rate;
  }

  #roll(nowMs: number): void {
    const index = Math.floor((nowMs + this.#wallOffsetMs) / this.#windowMs);
    if (index > this.#window) {
      this.#window = index;
      this.#used = 0;
    }
  }

  /** The current window's end, in the provider's milliseconds. */
  #endMs(): number {
    return (this.#window + 1) * this.#windowMs - this.#wallOffsetMs;
  }
}
