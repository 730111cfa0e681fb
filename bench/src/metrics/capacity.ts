import type { ServerSetup } from '../scenarios/scenario.js';
import { UNLIMITED_RATE } from '../scenarios/scenario.js';

const MS_PER_SECOND = 1000;

/**
 * Requests the server could have served from `fromMs` to `toMs` (ms after it started): its
 * rate, stepped by the capacity schedule, integrated over time, with outage windows at zero.
 * Undefined for an unlimited server. The burst is left out, so a run can score a little over 1.
 */
export function serverCapacity(server: ServerSetup, fromMs: number, toMs: number): number | undefined {
  if (server.rate >= UNLIMITED_RATE) return undefined;
  const steps = [...(server.capacity ?? [])].sort((a, b) => a.atMs - b.atMs);
  const edges = [{ atMs: Number.NEGATIVE_INFINITY, rate: server.rate }, ...steps];
  let total = 0;
  edges.forEach((edge, i) => {
    const start = Math.max(fromMs, edge.atMs);
    const end = Math.min(toMs, edges[i + 1]?.atMs ?? Number.POSITIVE_INFINITY);
    if (end > start) total += (edge.rate * (end - start - outageOverlap(server, start, end))) / MS_PER_SECOND;
  });
  return total;
}

function outageOverlap(server: ServerSetup, fromMs: number, toMs: number): number {
  return (server.outages ?? []).reduce(
    (sum, w) => sum + Math.max(0, Math.min(toMs, w.toMs) - Math.max(fromMs, w.fromMs)),
    0,
  );
}
