import type { Reason } from '../policy/reason.js';
import { type Clock, MAX_TIMER_MS, systemClock, type TimerHandle } from '../runtime/clock.js';
import {
  DEFAULT_OUTAGE_TUNING,
  initialOutageState,
  type OutageState,
  type OutageTuning,
  outageProbe,
  outageRecord,
  outageSignal,
} from './outage-state.js';
import type { RetryGate } from './throttle.js';
import { WaiterQueue } from './waiter-queue.js';

export interface OutageGateOptions {
  /** @default the system clock */
  readonly clock?: Clock;
  /** Retries that may be held per scope; beyond it `tryRetry` refuses (the call gives up). @default 10000 */
  readonly maxHeld?: number;
  /** A held retry goes out after this long even if the outage lasts, ms. @default 60000 */
  readonly maxHoldMs?: number;
  readonly tuning?: Partial<OutageTuning>;
}

/** The default retry gate, with a read-only view for tests and metrics. */
export interface OutageGate extends RetryGate {
  inspect(scope: string): OutageState | undefined;
  held(scope: string): number;
}

export const DEFAULT_MAX_HELD = 10_000;
export const DEFAULT_MAX_HOLD_MS = 60_000;
/** A closed scope whose failure share decayed below this is as good as new, and is forgotten. */
const FORGET_BELOW_RATIO = 0.01;

interface Held {
  readonly since: number;
  readonly resolve: () => void;
  detach: () => void;
}

interface GateScope {
  state: OutageState;
  readonly queue: WaiterQueue<Held>;
  timer: TimerHandle | undefined;
}

/**
 * The outage defence (see outage-state.ts): while most recent attempts on a scope fail with
 * 5xx, timeouts or network errors, retries wait here and one goes out per probe gap; the first
 * success releases them all, into the throttle, which still paces at its learned rate.
 */
export function createOutageGate(options: OutageGateOptions = {}): OutageGate {
  const clock = options.clock ?? systemClock;
  const maxHeld = options.maxHeld ?? DEFAULT_MAX_HELD;
  const maxHoldMs = options.maxHoldMs ?? DEFAULT_MAX_HOLD_MS;
  const tuning: OutageTuning = { ...DEFAULT_OUTAGE_TUNING, ...options.tuning };
  const scopes = new Map<string, GateScope>();

  const release = (entry: GateScope): void => {
    const held = entry.queue.shift();
    held?.detach();
    held?.resolve();
  };
  const pump = (key: string, entry: GateScope): void => {
    if (entry.timer !== undefined) clock.clearTimeout(entry.timer);
    entry.timer = undefined;
    const now = clock.now();
    for (
      let head = entry.queue.peek();
      head !== undefined && now - head.since >= maxHoldMs;
      head = entry.queue.peek()
    ) {
      release(entry);
    }
    const step = outageProbe(entry.state, now, tuning);
    entry.state = step.state;
    for (let n = 0; n < step.release && entry.queue.size > 0; n++) release(entry);
    const head = entry.queue.peek();
    if (head === undefined) {
      if (!entry.state.open && entry.state.failRatio < FORGET_BELOW_RATIO) scopes.delete(key);
      return;
    }
    const waitMs = Math.min(step.waitMs, head.since + maxHoldMs - now);
    entry.timer = clock.setTimeout(() => pump(key, entry), Math.min(MAX_TIMER_MS, Math.max(1, Math.ceil(waitMs))));
  };
  const scopeFor = (key: string): GateScope => {
    let entry = scopes.get(key);
    if (entry === undefined) {
      entry = { state: initialOutageState(tuning), queue: new WaiterQueue(), timer: undefined };
      scopes.set(key, entry);
    }
    return entry;
  };

  return {
    tryRetry: (scope) => (scopes.get(scope)?.queue.size ?? 0) < maxHeld,
    record(scope: string, succeeded: boolean, reason?: Reason): void {
      const signal = outageSignal(succeeded, reason);
      const entry = signal === 'success' ? scopes.get(scope) : scopeFor(scope);
      if (entry === undefined) return;
      entry.state = outageRecord(entry.state, clock.now(), signal, tuning);
      pump(scope, entry);
    },
    hold(scope: string, signal: AbortSignal): Promise<void> {
      if (signal.aborted) return Promise.reject(signal.reason);
      const entry = scopes.get(scope);
      if (entry === undefined || (!entry.state.open && entry.queue.size === 0)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const held: Held = { since: clock.now(), resolve, detach: () => {} };
        const node = entry.queue.push(held);
        const onAbort = (): void => {
          if (!entry.queue.remove(node)) return;
          reject(signal.reason);
          pump(scope, entry);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        held.detach = () => signal.removeEventListener('abort', onAbort);
        pump(scope, entry);
      });
    },
    inspect: (scope) => scopes.get(scope)?.state,
    held: (scope) => scopes.get(scope)?.queue.size ?? 0,
  };
}
