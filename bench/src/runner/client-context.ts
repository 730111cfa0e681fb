import type { ClientContext, LimiterFacts } from '../clients/types.js';
import type { Scenario, ServerSetup } from '../scenarios/scenario.js';

/** The key every process of a run sends with, so the provider buckets them together. */
export const BENCH_API_KEY = 'sk-bench-shared';

/** The mock provider's default fixed window (a minute). */
const DEFAULT_WINDOW_MS = 60_000;

export function clientContext(scenario: Scenario, baseUrl: string, processes = 1): ClientContext {
  return {
    baseUrl,
    apiKey: BENCH_API_KEY,
    hint: scenario.server.hint ?? 'retry-after',
    rate: scenario.server.rate,
    burst: scenario.server.burst,
    capacity: scenario.server.capacity ?? [],
    limiter: limiterFacts(scenario.server),
    share: 1 / processes,
  };
}

function limiterFacts(server: ServerSetup): LimiterFacts {
  if (server.limiter === 'fixed-window')
    return { kind: 'fixed-window', windowMs: server.windowMs ?? DEFAULT_WINDOW_MS };
  if (server.limiter === 'concurrency') return { kind: 'concurrency', maxConcurrent: server.maxConcurrent ?? 1 };
  return { kind: 'token-bucket' };
}
