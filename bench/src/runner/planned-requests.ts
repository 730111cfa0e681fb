import type { Scenario } from '../scenarios/scenario.js';

/** The provider refuses any body that contains this text with a 400 (its default poison marker). */
export const POISON_MARKER = 'STAUNCH_POISON';

export interface PlannedRequest {
  readonly id: string;
  readonly body: string;
  readonly poison: boolean;
}

/** The scenario's requests, numbered from `first`; every `poisonEvery`-th one is poison. */
export function plannedRequests(scenario: Pick<Scenario, 'poisonEvery'>, count: number, first = 0): PlannedRequest[] {
  return Array.from({ length: count }, (_, k) => {
    const n = first + k;
    const poison = scenario.poisonEvery !== undefined && n % scenario.poisonEvery === scenario.poisonEvery - 1;
    const content = poison ? `bench request ${n} ${POISON_MARKER}` : `bench request ${n}`;
    const body = JSON.stringify({ model: 'mock-model', messages: [{ role: 'user', content }], max_tokens: 16 });
    return { id: `r${n}`, body, poison };
  });
}
