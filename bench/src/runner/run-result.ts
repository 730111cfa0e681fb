import type { TimelineEntry } from '@staunch/testing';
import type { Scenario } from '../scenarios/scenario.js';
import type { RequestRecord } from './run-load.js';

/** What one client did in one scenario. Every time is in ms after the provider started. */
export interface RunResult {
  readonly scenario: Scenario;
  readonly client: string;
  readonly records: readonly RequestRecord[];
  /** Arrivals at the provider (every attempt, including refused and reset ones). */
  readonly arrivals: number;
  readonly rateLimited: number;
  readonly timeline: readonly TimelineEntry[];
  /** Arrivals of each poison request. */
  readonly poisonArrivals: readonly number[];
}
