import { withChecks } from './clock-call.js';
import { until } from './load-support.js';
import type { Case, CaseContext, Seen } from './row.js';

// H46: 20 clients (engine defaults: adaptive throttle, outage gate) find the server down. It
// answers 503 until every client's first attempt has arrived — however long a loaded machine
// takes to start them — and 200 from then on. Every call succeeds, and after the recovery each
// client needs exactly one attempt: no retry storm keeps failing once the server is back.
const CLIENTS = 20;
const MAX_ATTEMPTS = 8;

async function herd({ id, servers, send }: CaseContext): Promise<Seen> {
  servers.fault.script(id, [{ status: 503 }]);
  const clients = () => new Set(servers.fault.requests(id).map((r) => r.headers['x-herd-client']));
  const calls = Array.from({ length: CLIENTS }, (_, k) =>
    send({
      url: `${servers.fault.url}/s/${id}/v1/chat/completions`,
      defaults: true,
      policy: { maxAttempts: MAX_ATTEMPTS, backoff: { baseMs: 100, capMs: 500 } },
      headers: { 'x-herd-client': String(k) },
    }),
  );
  const allDown = await until(() => clients().size === CLIENTS, 20_000);
  const during = servers.fault.arrivals(id);
  servers.fault.script(id, [{ status: 200 }]);
  const outcomes = await Promise.all(calls);
  const after = servers.fault.arrivals(id);
  console.log(`H46: ${during} attempts during the outage, ${after} after the recovery`);
  return {
    arrivals: during + after,
    outcomes: outcomes.map((outcome) =>
      withChecks(outcome, {
        "every client's first attempt found the server down": allDown,
        'one attempt per client after the recovery': after === CLIENTS,
      }),
    ),
  };
}

export const HERD_CASES: readonly Case[] = [
  { name: 'herd', run: herd, expect: { arrivals: [2 * CLIENTS, MAX_ATTEMPTS * CLIENTS], outcome: '200' } },
];
