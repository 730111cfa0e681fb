import type { TimelineEntry } from '@staunch/testing';
import type { RequestRecord } from '../runner/run-load.js';

export interface OutageFigures {
  /** Arrivals during the outage ÷ logical requests that were in flight at some point of it. */
  readonly amplification: number;
  /** From the end of the outage to the last success; undefined when nothing succeeded after it. */
  readonly drainMs: number | undefined;
}

/** How a client behaved during one outage window and how fast it caught up afterwards. */
export function outageFigures(
  window: { readonly fromMs: number; readonly toMs: number },
  records: readonly RequestRecord[],
  timeline: readonly TimelineEntry[],
): OutageFigures {
  const arrivals = timeline.filter((e) => e.atMs >= window.fromMs && e.atMs < window.toMs).length;
  const active = records.filter((r) => r.startMs < window.toMs && r.endMs > window.fromMs).length;
  const lastSuccess = Math.max(...records.filter((r) => r.ok).map((r) => r.endMs));
  return {
    amplification: active === 0 ? 0 : arrivals / active,
    drainMs: lastSuccess > window.toMs ? lastSuccess - window.toMs : undefined,
  };
}
