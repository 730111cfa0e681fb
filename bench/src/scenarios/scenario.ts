import type { MockProviderOptions } from '@staunch/testing';

/** The server side of a scenario: the mock provider's options without port, seed or clock. */
export type ServerSetup = Omit<MockProviderOptions, 'port' | 'seed' | 'clock'> & {
  readonly rate: number;
  readonly burst: number;
};

/** Which Staunch target a scenario checks (report/targets.ts holds the thresholds). */
export type TargetKind = 'S1' | 'S2' | 'S3' | 'S4' | 'S5' | 'overhead';

export interface Scenario {
  /** Short id used by `--scenario`. */
  readonly id: string;
  readonly title: string;
  readonly server: ServerSetup;
  readonly requests: number;
  readonly concurrency: number;
  /** Every `poisonEvery`-th request carries the poison marker (20 → 5 %). */
  readonly poisonEvery?: number;
  /** More than 1: that many worker processes share the one key, each with `requests / processes`. */
  readonly processes?: number;
  /** The run is cut here; unfinished calls count as failures. */
  readonly timeoutMs: number;
  /** Clients that run by default; all when absent. */
  readonly clients?: readonly string[];
  /**
   * An overhead measurement: runs alone, after a discarded warm-up run, in `repeats` interleaved
   * rounds; each client's median round (by throughput) is reported.
   */
  readonly exclusive?: { readonly repeats: number };
  readonly target?: TargetKind;
  /** What `--quick` changes; `false` leaves the scenario out of a quick run. */
  readonly quick: Partial<Pick<Scenario, 'requests' | 'timeoutMs' | 'server' | 'clients'>> | false;
}

/** A limit high enough that the server never refuses (the mock needs a finite rate). */
export const UNLIMITED_RATE = 1_000_000;
