import type { ClientContext } from '../clients/types.js';
import type { Scenario } from '../scenarios/scenario.js';

/** The key every process of a run sends with, so the provider buckets them together. */
export const BENCH_API_KEY = 'sk-bench-shared';

export function clientContext(scenario: Scenario, baseUrl: string, processes = 1): ClientContext {
  return {
    baseUrl,
    apiKey: BENCH_API_KEY,
    hint: scenario.server.hint ?? 'retry-after',
    rate: scenario.server.rate,
    burst: scenario.server.burst,
    capacity: scenario.server.capacity ?? [],
    share: 1 / processes,
  };
}
