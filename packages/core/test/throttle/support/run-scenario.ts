import {
  type CallResult,
  createEngine,
  type PolicyInput,
  type RetryGate,
  seededRandom,
  type Throttle,
  VirtualClock,
} from '../../../src/index.js';
import { type SimServer, type SimServerOptions, simServer } from './sim-server.js';

export interface ScenarioOptions extends Omit<SimServerOptions, 'clock' | 'random'> {
  readonly requests: number;
  readonly concurrency: number;
  readonly seed?: number;
  readonly policy?: PolicyInput;
  /** Build the throttle and gate on the scenario's clock; defaults: the engine's. */
  readonly throttle?: (clock: VirtualClock) => Throttle | false;
  readonly retryGate?: (clock: VirtualClock) => RetryGate | false;
  /** Virtual ms advanced per step of the driver. @default 5 */
  readonly stepMs?: number;
}

export interface ScenarioReport {
  readonly elapsedMs: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Server arrivals (attempts) ÷ requests. */
  readonly attemptsPerRequest: number;
  readonly rateLimited: number;
  /** Successes per second ÷ the server's rate (for a constant rate). */
  readonly goodput: number;
  readonly results: readonly CallResult<string>[];
  readonly server: SimServer;
  readonly doneAt: readonly number[];
}

/** Runs `requests` calls through a default engine at `concurrency`, all on a virtual clock. */
export async function runScenario(options: ScenarioOptions): Promise<ScenarioReport> {
  const clock = new VirtualClock();
  const random = seededRandom(options.seed ?? 1);
  const server = simServer({ ...options, clock, random: seededRandom((options.seed ?? 1) + 7) });
  const throttle = options.throttle?.(clock);
  const gate = options.retryGate?.(clock);
  const engine = createEngine({
    clock,
    random,
    policy: options.policy ?? {},
    ...(throttle === undefined ? {} : { throttle }),
    ...(gate === undefined ? {} : { retryGate: gate }),
  });
  const results: CallResult<string>[] = [];
  const doneAt: number[] = [];
  let next = 0;
  let active = 0;
  const worker = async (): Promise<void> => {
    active += 1;
    while (next < options.requests) {
      const request = next++;
      const result = await engine.execute(server.attempt(request), { scope: 'sim' });
      results[request] = result;
      doneAt.push(clock.now());
    }
    active -= 1;
  };
  const workers = Array.from({ length: options.concurrency }, worker);
  const stepMs = options.stepMs ?? 5;
  while (active > 0) await clock.advance(stepMs);
  await Promise.all(workers);
  const elapsedMs = Math.max(...doneAt);
  const succeeded = results.filter((r) => r.ok).length;
  const rate = typeof options.ratePerS === 'number' ? options.ratePerS : Number.NaN;
  return {
    elapsedMs,
    succeeded,
    failed: results.length - succeeded,
    attemptsPerRequest: server.arrivals.length / options.requests,
    rateLimited: server.arrivals.filter((a) => a.status === 429).length,
    goodput: succeeded / (elapsedMs / 1000) / rate,
    results,
    server,
    doneAt,
  };
}
