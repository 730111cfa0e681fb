/** Which throttle granted an open attempt: Redis, or the local fail-open one. */
export type Granter = 'redis' | 'local';

interface Open {
  redis: number;
  local: number;
}

/**
 * This process's attempts per scope that were granted and not yet recorded, by who granted
 * them, so each `record` reaches the throttle that owes it (the seam's `record` carries no
 * ticket: attempts of one scope are interchangeable, so counts are enough). Their sum is what
 * the process holds on the scope, which its calls tell Redis (presence-lua.ts). `onBusy` hears
 * when the process starts and stops holding anything at all (the heartbeat runs meanwhile).
 */
export class OpenAttempts {
  readonly #open = new Map<string, Open>();
  readonly #onBusy: (busy: boolean) => void;

  constructor(onBusy: (busy: boolean) => void = () => {}) {
    this.#onBusy = onBusy;
  }

  get busy(): boolean {
    return this.#open.size > 0;
  }

  /** Scopes on which the process holds attempts. */
  scopes(): IterableIterator<string> {
    return this.#open.keys();
  }

  held(scope: string): number {
    const open = this.#open.get(scope);
    return open === undefined ? 0 : open.redis + open.local;
  }

  granted(scope: string, by: Granter): void {
    const wasBusy = this.busy;
    const open = this.#open.get(scope) ?? { redis: 0, local: 0 };
    open[by] += 1;
    this.#open.set(scope, open);
    if (!wasBusy) this.#onBusy(true);
  }

  /** One fewer open, and who owes its record: the local throttle first; `undefined` if none is open. */
  settle(scope: string): Granter | undefined {
    const open = this.#open.get(scope);
    if (open === undefined) return undefined;
    const by: Granter = open.local > 0 ? 'local' : 'redis';
    open[by] -= 1;
    if (open.redis + open.local === 0) {
      this.#open.delete(scope);
      if (!this.busy) this.#onBusy(false);
    }
    return by;
  }

  /** The scope's Redis-granted attempts now owe their records to the local throttle; how many moved. */
  handOver(scope: string): number {
    const open = this.#open.get(scope);
    if (open === undefined) return 0;
    const moved = open.redis;
    open.local += moved;
    open.redis = 0;
    return moved;
  }
}
