import { CLIENT_NAMES, DEFAULT_CLIENTS } from '../clients/registry.js';
import type { SharingMode } from '../runner/shared-key-messages.js';
import { SCENARIOS } from './catalogue.js';
import type { Scenario } from './scenario.js';

export interface Selection {
  readonly quick: boolean;
  readonly scenarios: readonly string[] | undefined;
  readonly clients: readonly string[] | undefined;
  /** `redis`: scenarios whose processes share a key also run the Redis-shared throttle. @default 'per-process' */
  readonly sharing?: SharingMode;
}

export interface PlannedScenario {
  readonly scenario: Scenario;
  readonly clients: readonly string[];
}

/**
 * The scenarios to run (quick variants applied) and each one's clients: the picked clients,
 * else the scenario's default set. A scenario picked by name runs even when quick leaves it out.
 */
export function selectRuns(selection: Selection): PlannedScenario[] {
  return SCENARIOS.filter((s) =>
    selection.scenarios ? selection.scenarios.includes(s.id) : !selection.quick || s.quick !== false,
  )
    .map((s) => (selection.quick && s.quick !== false ? { ...s, ...s.quick } : s))
    .map((scenario) => {
      const defaults = scenario.clients ?? DEFAULT_CLIENTS;
      const picked = selection.clients ?? defaults;
      const sharedKey = (scenario.processes ?? 1) > 1;
      const clients = selection.sharing === 'redis' && sharedKey ? [...picked, 'staunch-redis'] : picked;
      return { scenario, clients: CLIENT_NAMES.filter((c) => clients.includes(c)) };
    })
    .filter((p) => p.clients.length > 0);
}
