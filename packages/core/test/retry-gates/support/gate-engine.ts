import { createEngine, type Engine, type RetryGate, seededRandom, VirtualClock } from '../../../src/index.js';

export interface GateEngine {
  readonly clock: VirtualClock;
  readonly engine: Engine;
}

/** An engine on a virtual clock with no throttle, the given gate and a 1 ms backoff. */
export function gateEngine(gate: RetryGate, maxAttempts: number, clock = new VirtualClock()): GateEngine {
  const engine = createEngine({
    policy: { maxAttempts, backoff: { jitter: 'none', baseMs: 1, capMs: 1 } },
    clock,
    random: seededRandom(1),
    throttle: false,
    retryGate: gate,
  });
  return { clock, engine };
}
