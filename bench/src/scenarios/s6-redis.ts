import { SCENARIOS } from './catalogue.js';
import type { Scenario } from './scenario.js';

/** A shared-key scenario, with a window in which the shared throttle's Redis is down. */
export interface RedisScenario {
  readonly scenario: Scenario;
  /** Redis is killed `fromMs` after the run's provider starts and restarted at `toMs`. */
  readonly redisOutage?: { readonly fromMs: number; readonly toMs: number };
}

const S6 = SCENARIOS.find((s) => s.id === 'S6');
if (S6 === undefined) throw new Error('the catalogue has no S6');

/** The shared throttle beside the per-process one, on S6's server and load. */
const CLIENTS = ['staunch-redis', 'staunch'];

export const S6_REDIS_SCENARIOS: readonly RedisScenario[] = [
  {
    scenario: {
      ...S6,
      id: 'S6-redis',
      title: 'four processes share one key (Redis-shared throttle)',
      clients: CLIENTS,
    },
  },
  {
    scenario: {
      ...S6,
      id: 'S6-redis-kill',
      title: 'four processes share one key; Redis killed at 2 s, restarted at 4 s (fail-open)',
      clients: CLIENTS,
    },
    redisOutage: { fromMs: 2000, toMs: 4000 },
  },
];
