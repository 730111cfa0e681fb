import { createEngine, isRetriesExhaustedError } from '@staunch/core';
import { createFetch, type StaunchFetch } from '@staunch/fetch';
import { QUICK } from './cases-fetch.js';
import { type Case, expectEqual, expectTrue } from './harness.js';

const CALLS = 8;

/**
 * The engine without a network, the throttle on (as it is by default), and an adapter made at
 * module scope, where Workers forbid timers and random numbers: only its calls may use them.
 */
export function throttleCases(moduleScopeFetch: StaunchFetch): readonly Case[] {
  return [
    {
      name: 'the engine retries a failing transport and gives up after maxAttempts',
      async run() {
        const engine = createEngine({ policy: { ...QUICK, maxAttempts: 3 }, throttle: false, retryGate: false });
        let attempts = 0;
        const result = await engine.execute(async () => {
          attempts++;
          return { kind: 'network', error: new TypeError('no route') };
        });
        expectEqual(attempts, 3, 'attempts');
        expectTrue(!result.ok && isRetriesExhaustedError(result.error), 'a RetriesExhaustedError');
      },
    },
    {
      name: 'the throttle absorbs a burst of 429s and every call succeeds',
      async run({ url, script, arrivals }) {
        await script([
          { status: 429, headers: { 'retry-after-ms': '100' } },
          { status: 429, headers: { 'retry-after-ms': '100' } },
          { status: 200 },
        ]);
        const fetch = createFetch({ policy: QUICK });
        const body = JSON.stringify({ model: 'runtime-model', messages: [] });
        const calls = Array.from({ length: CALLS }, () => fetch(url, { method: 'POST', body }));
        const statuses = await Promise.all(calls.map(async (call) => (await call).status));
        expectEqual(statuses, Array<number>(CALLS).fill(200), 'statuses');
        const seen = (await arrivals()).length;
        expectTrue(seen >= CALLS + 2 && seen <= CALLS + 4, `${seen} arrivals for ${CALLS} calls and two 429s`);
      },
    },
    {
      name: 'a fetch made at module scope, throttle on, works inside a request',
      async run({ url, script, arrivals }) {
        await script([{ status: 503, headers: { 'retry-after-ms': '1' } }, { status: 200 }]);
        expectEqual((await moduleScopeFetch(url, { method: 'POST', body: '{}' })).status, 200, 'status');
        expectEqual((await arrivals()).length, 2, 'arrivals');
      },
    },
  ];
}
