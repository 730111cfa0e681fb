import type { FaultStep } from '@staunch/testing';
import type { CaseContext } from './row.js';
import type { Send } from './send.js';

/** What one scripted call saw: its outcome, the server's arrivals and the gap between the first two. */
export interface ScriptedCall {
  readonly outcome: string;
  readonly arrivals: number;
  /** Between the first two arrivals, on the server's `performance.now()`; NaN with fewer. */
  readonly gapMs: number;
  /** The whole call, on `performance.now()`. */
  readonly elapsedMs: number;
}

/** Scripts `steps` under the case's id and sends one call through the case's adapter. */
export async function callScripted(
  { id, servers, send }: CaseContext,
  steps: FaultStep[],
  request: Omit<Send, 'url'> = {},
): Promise<ScriptedCall> {
  servers.fault.script(id, steps);
  const started = performance.now();
  const outcome = await send({ ...request, url: `${servers.fault.url}/s/${id}/v1/chat/completions` });
  const elapsedMs = performance.now() - started;
  const [first, second] = servers.fault.requests(id);
  const gapMs = first === undefined || second === undefined ? Number.NaN : second.receivedAt - first.receivedAt;
  return { outcome, arrivals: servers.fault.arrivals(id), gapMs, elapsedMs };
}

/** `outcome` alone when every check holds, else with the failed checks after it. */
export function withChecks(outcome: string, checks: Readonly<Record<string, boolean>>): string {
  const failed = Object.entries(checks).filter(([, held]) => !held);
  return failed.length === 0 ? outcome : `${outcome}; not: ${failed.map(([what]) => what).join(', ')}`;
}
