import type { MockProviderStats, TimelineEntry } from './types.js';

/** Past this many entries the timeline stops growing (counters go on), so a long run stays bounded. */
const MAX_TIMELINE_ENTRIES = 1_000_000;

export type AnswerKind = 'success' | 'rate-limited' | 'fault' | 'poisoned' | 'other';

/** Counters and the (time, status) timeline that benches chart throughput from. */
export class StatsRecorder {
  #arrivals = 0;
  readonly #byRequestId = new Map<string, number>();
  readonly #byKind: Record<AnswerKind, number> = { success: 0, 'rate-limited': 0, fault: 0, poisoned: 0, other: 0 };
  readonly #byStatus: Record<number, number> = {};
  readonly #timeline: TimelineEntry[] = [];

  arrive(requestId: string | undefined): void {
    this.#arrivals++;
    if (requestId !== undefined) this.#byRequestId.set(requestId, (this.#byRequestId.get(requestId) ?? 0) + 1);
  }

  arrivals(requestId: string): number {
    return this.#byRequestId.get(requestId) ?? 0;
  }

  answer(kind: AnswerKind, entry: TimelineEntry): void {
    this.#byKind[kind]++;
    this.#byStatus[entry.status] = (this.#byStatus[entry.status] ?? 0) + 1;
    if (this.#timeline.length < MAX_TIMELINE_ENTRIES) this.#timeline.push(Object.freeze(entry));
  }

  snapshot(): MockProviderStats {
    return Object.freeze({
      arrivals: this.#arrivals,
      successes: this.#byKind.success,
      rateLimited: this.#byKind['rate-limited'],
      faults: this.#byKind.fault,
      poisoned: this.#byKind.poisoned,
      byStatus: Object.freeze({ ...this.#byStatus }),
      timeline: Object.freeze([...this.#timeline]),
    });
  }
}
