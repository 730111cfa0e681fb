import type { TimelineEntry } from '@staunch/testing';
import type { RequestRecord } from '../runner/run-load.js';

export interface OutageFigures {
  /**
   * Arrivals during the outage ÷ the logical requests that arrived during it (told apart by
   * request id); 1.0 means every request that reached the server then did so once.
   */
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
  const during = timeline.filter((e) => e.atMs >= window.fromMs && e.atMs < window.toMs);
  // An arrival without an id cannot be matched to another, so it counts as its own request.
  const requests = new Set(during.map((e, i) => e.requestId ?? `unnamed ${i}`)).size;
  const lastSuccess = Math.max(...records.filter((r) => r.ok).map((r) => r.endMs));
  return {
    amplification: requests === 0 ? 0 : during.length / requests,
    drainMs: lastSuccess > window.toMs ? lastSuccess - window.toMs : undefined,
  };
}
