import type { Scenario } from '../scenarios/scenario.js';
import type { ProviderReading } from './provider-messages.js';
import type { RequestRecord } from './run-load.js';
import type { RunResult } from './run-result.js';

/** Joins the provider's counters with the callers' records, moved onto the provider's time axis. */
export function collectResult(
  scenario: Scenario,
  client: string,
  reading: ProviderReading,
  records: readonly RequestRecord[],
  providerStartedAt: number,
): RunResult {
  return {
    scenario,
    client,
    records: records.map((r) => ({ ...r, startMs: r.startMs - providerStartedAt, endMs: r.endMs - providerStartedAt })),
    ...reading,
  };
}

/** Ids of the poison requests, whose arrivals the provider is asked for. */
export function poisonIds(records: readonly RequestRecord[]): string[] {
  return records.filter((r) => r.poison).map((r) => r.id);
}
