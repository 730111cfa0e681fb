// The failover demo's bookkeeping, apart from its servers and clock so a test can feed it routes.

/** The parts of a route report the demo reads (`fetch.onRoute` hands the full one). */
export interface DemoRoute {
  readonly ok: boolean;
  readonly target: string | undefined;
  readonly outcomes: readonly {
    readonly target: string;
    readonly attempts: number;
    readonly outcome: string;
    readonly status?: number | undefined;
  }[];
}

/** One second of the demo: where calls were served, and what the primary's breaker did. */
export interface SecondTally {
  calls: number;
  servedByPrimary: number;
  servedBySecondary: number;
  lost: number;
  /** Calls that skipped the primary at once because its breaker was open (or its probe was out). */
  skipped: number;
  breakerEvents: string[];
}

export const emptySecond = (): SecondTally => ({
  calls: 0,
  servedByPrimary: 0,
  servedBySecondary: 0,
  lost: 0,
  skipped: 0,
  breakerEvents: [],
});

/**
 * Follows the primary's breaker from the routes alone: the first call that skips the primary shows
 * it opened; while open, a call that reached the primary again was the half-open probe, and its
 * outcome says whether the breaker closed or opened again.
 */
export class FailoverTally {
  readonly seconds: SecondTally[] = [];
  #open = false;

  constructor(readonly primary: string) {}

  add(second: number, route: DemoRoute): void {
    while (this.seconds.length <= second) this.seconds.push(emptySecond());
    const tally = this.seconds[second] ?? emptySecond();
    tally.calls += 1;
    if (!route.ok) tally.lost += 1;
    else if (route.target === this.primary) tally.servedByPrimary += 1;
    else tally.servedBySecondary += 1;
    const atPrimary = route.outcomes.find((o) => o.target === this.primary);
    if (atPrimary === undefined) return;
    if (atPrimary.outcome === 'skipped') {
      tally.skipped += 1;
      if (!this.#open) tally.breakerEvents.push('opened');
      this.#open = true;
      return;
    }
    if (!this.#open || atPrimary.attempts === 0) return;
    if (atPrimary.outcome === 'served') {
      tally.breakerEvents.push('probe served: closed');
      this.#open = false;
    } else {
      tally.breakerEvents.push(`probe got ${atPrimary.status ?? atPrimary.outcome}: open again, twice as long`);
    }
  }

  /** Totals over every second. */
  totals(): SecondTally {
    const sum = emptySecond();
    for (const s of this.seconds) {
      sum.calls += s.calls;
      sum.servedByPrimary += s.servedByPrimary;
      sum.servedBySecondary += s.servedBySecondary;
      sum.lost += s.lost;
      sum.skipped += s.skipped;
      sum.breakerEvents.push(...s.breakerEvents);
    }
    return sum;
  }
}
