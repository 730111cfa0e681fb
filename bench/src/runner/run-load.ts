import { setMaxListeners } from 'node:events';
import type { ArenaClient, BenchResult } from '../clients/types.js';
import { nowMs } from './clock.js';
import type { PlannedRequest } from './planned-requests.js';

/** Status recorded for a call the scenario's timeout cut before it settled. */
export const CUT_STATUS = -1;

/** One logical call as the caller saw it; times on the shared clock ({@link nowMs}). */
export interface RequestRecord {
  readonly id: string;
  readonly poison: boolean;
  readonly ok: boolean;
  readonly status: number;
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * Sends `requests` through `client` with at most `concurrency` in flight. When `signal` aborts,
 * no new call starts and calls still pending are recorded as cut; a client that ignores the
 * signal cannot hold the run.
 */
export async function runLoad(
  client: ArenaClient,
  requests: readonly PlannedRequest[],
  concurrency: number,
  signal: AbortSignal,
): Promise<RequestRecord[]> {
  // Every in-flight call listens to the one scenario signal.
  setMaxListeners(0, signal);
  const records: RequestRecord[] = [];
  const cut = new Promise<BenchResult>((resolve) => {
    if (signal.aborted) resolve({ ok: false, status: CUT_STATUS });
    signal.addEventListener('abort', () => resolve({ ok: false, status: CUT_STATUS }), { once: true });
  });
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let planned = requests[next++]; planned !== undefined && !signal.aborted; planned = requests[next++]) {
      const startMs = nowMs();
      const result = await Promise.race([settle(client, planned, signal), cut]);
      records.push({ id: planned.id, poison: planned.poison, ...result, startMs, endMs: nowMs() });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, worker));
  const done = new Set(records.map((r) => r.id));
  const at = nowMs();
  for (const planned of requests) {
    if (!done.has(planned.id)) {
      records.push({ id: planned.id, poison: planned.poison, ok: false, status: CUT_STATUS, startMs: at, endMs: at });
    }
  }
  return records;
}

/** A client that throws is recorded as a network-level failure, never as a crash of the run. */
async function settle(client: ArenaClient, planned: PlannedRequest, signal: AbortSignal): Promise<BenchResult> {
  try {
    return await client.send({ id: planned.id, body: planned.body, signal });
  } catch {
    return signal.aborted ? { ok: false, status: CUT_STATUS } : { ok: false, status: 0 };
  }
}
