import type { TimelineEntry } from '@staunch/testing';

const MS_PER_SECOND = 1000;

export interface SeriesPoint {
  /** Seconds from `originMs` to the bin's start. */
  readonly t: number;
  /** Successes per second in the bin. */
  readonly value: number;
}

/** Successful answers per second in bins of `binMs`, from `originMs` to the last success. */
export function throughputSeries(timeline: readonly TimelineEntry[], originMs: number, binMs: number): SeriesPoint[] {
  const counts: number[] = [];
  for (const entry of timeline) {
    if (entry.status !== 200) continue;
    const bin = Math.max(0, Math.floor((entry.atMs - originMs) / binMs));
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  return Array.from(counts, (count, bin) => ({
    t: (bin * binMs) / MS_PER_SECOND,
    value: ((count ?? 0) * MS_PER_SECOND) / binMs,
  }));
}
