import type { ClientContext } from '../clients/types.js';
import type { Scenario } from '../scenarios/scenario.js';
import type { RequestRecord } from './run-load.js';

/**
 * How the processes of a shared key share what they learn. `per-process`: each keeps its own
 * in-memory throttle. A Redis-shared variant adds a value here and passes it to the client.
 */
/** How the processes of a shared-key scenario share their throttle: each its own, or one in Redis. */
export type SharingMode = 'per-process' | 'redis';

/** Parent → worker, once every worker is ready and the provider is up. */
export interface WorkerOrder {
  readonly scenario: Scenario;
  readonly client: string;
  readonly context: ClientContext;
  readonly sharing: SharingMode;
  /** Number of this worker's first request, so ids are unique across processes. */
  readonly first: number;
  readonly count: number;
  readonly concurrency: number;
  /** On the shared clock. */
  readonly deadlineMs: number;
}

/** Worker → parent. */
export type WorkerReport = { readonly type: 'ready' } | { readonly type: 'done'; readonly records: RequestRecord[] };
