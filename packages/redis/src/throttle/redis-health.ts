import type { Clock } from '@staunch/core';

/**
 * Whether Redis is taken as reachable. After a failure every decision skips Redis (it goes to
 * the fallback or fails at once, so nothing waits on a dead server); a harmless `ping` op probes
 * at most once per `probeIntervalMs`, started by the decisions themselves, so an idle process
 * keeps no timer alive. The first successful probe (or any successful call) restores Redis.
 * Probes are read-only on purpose: a client that queues commands while disconnected replays
 * them after the restart, and a replayed acquire would hold a slot nobody releases.
 */
export class RedisHealth {
  #down = false;
  #probing = false;
  #probeAt = 0;
  #episode = 0;
  #downSince = 0;

  constructor(
    private readonly clock: Clock,
    private readonly probeIntervalMs: number,
    private readonly probe: () => Promise<unknown>,
    /** Hears the moment Redis is taken as reachable again. */
    private readonly recovered: () => void = () => {},
  ) {}

  get down(): boolean {
    return this.#down;
  }

  /** Counts the outages: 1 during (and after) the first, and so on. */
  get episode(): number {
    return this.#episode;
  }

  /** When the latest outage began, on the clock. */
  get downSince(): number {
    return this.#downSince;
  }

  failed(): void {
    if (this.#down) return;
    this.#down = true;
    this.#episode += 1;
    this.#downSince = this.clock.now();
    this.#probeAt = this.clock.now() + this.probeIntervalMs;
  }

  succeeded(): void {
    if (!this.#down) return;
    this.#down = false;
    this.recovered();
  }

  /** Called by each decision while down: starts a probe when one is due. */
  poke(): void {
    if (!this.#down || this.#probing || this.clock.now() < this.#probeAt) return;
    this.#probing = true;
    this.probe().then(
      () => {
        this.#probing = false;
        this.succeeded();
      },
      () => {
        this.#probing = false;
        this.#probeAt = this.clock.now() + this.probeIntervalMs;
      },
    );
  }
}
