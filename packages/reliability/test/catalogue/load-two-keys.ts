import type { AttemptEvent } from '@staunch/core';
import { withChecks } from './clock-call.js';
import { until, watchedThrottle } from './load-support.js';
import type { Case, CaseContext, Seen } from './row.js';

// H48: two API keys share one throttle (engine defaults otherwise). Key A gets a 429 with
// Retry-After: 1, which cuts A's scope to the minimum rate; while A waits, key B sends a slow
// start's worth of calls at once. None of B's attempts queues in the throttle, B's scope learns
// nothing from A, and B is done before A's retry goes out. A's retry is held by its own scope.
const B_CALLS = 8;

async function twoKeys({ id, servers, send }: CaseContext): Promise<Seen> {
  const { inner, throttle, held } = watchedThrottle();
  servers.fault.script(`${id}-a`, [{ status: 429, headers: { 'retry-after': '1' } }, { status: 200 }]);
  servers.fault.script(`${id}-b`, [{ status: 200 }]);
  const attempts: Record<'a' | 'b', AttemptEvent[]> = { a: [], b: [] };
  const call = (key: 'a' | 'b') =>
    send({
      url: `${servers.fault.url}/s/${id}-${key}/v1/chat/completions`,
      defaults: true,
      headers: { authorization: `Bearer sk-h48-${key}` },
      options: { throttle },
      events: (events) => events.onAttempt((event) => attempts[key].push(event)),
    });

  const a = call('a');
  const cut = await until(() => attempts.a.length === 1, 5_000);
  const b = await Promise.all(Array.from({ length: B_CALLS }, () => call('b')));
  const aRetriedBeforeBDone = attempts.a.length > 1;
  const aOutcome = await a;
  const scopeA = attempts.a[0]?.scope ?? '';
  const scopeB = attempts.b[0]?.scope ?? '';
  const stateB = inner.inspect(scopeB);
  const waitsB = attempts.b.map((event) => event.throttleWaitMs);
  console.log(
    `H48: A's retry waited ${Math.round(attempts.a[1]?.throttleWaitMs ?? Number.NaN)} ms in the throttle, B's attempts at most ${Math.max(...waitsB).toFixed(3)} ms`,
  );
  const outcomeA = withChecks(`A ${aOutcome}`, {
    'A got the 429 first': cut && attempts.a[0]?.status === 429,
    "A's retry held by its scope": (held.get(scopeA) ?? 0) === 1 && (attempts.a[1]?.throttleWaitMs ?? 0) > 0,
  });
  const outcomesB = b.map((outcome) =>
    withChecks(`B ${outcome}`, {
      'B never queued': (held.get(scopeB) ?? 0) === 0,
      "B's scope still in slow start, no rate learned": stateB?.phase === 0 && stateB.rate === 0,
      "B done before A's retry": !aRetriedBeforeBDone,
      'two scopes': scopeA !== scopeB && inner.scopes === 2,
    }),
  );
  return {
    arrivals: servers.fault.arrivals(`${id}-a`) + servers.fault.arrivals(`${id}-b`),
    outcomes: [outcomeA, ...outcomesB],
  };
}

export const TWO_KEYS_CASES: readonly Case[] = [
  {
    name: "429 on key A, key B's calls meanwhile",
    run: twoKeys,
    expect: { arrivals: 2 + B_CALLS, outcome: ['A 200', 'B 200'] },
  },
];
