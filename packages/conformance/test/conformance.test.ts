import { type FaultServer, startFaultServer } from '@staunch/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADAPTERS, type AdapterUnderTest, type Call } from './adapters.js';
import { nativeExpectation } from './outcome.js';
import { SCENARIOS, type Scenario } from './scenarios.js';
import { undiciNative } from './undici-adapter.js';

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());

type Mode = 'typed' | 'native';

/** Runs one scenario through one adapter under its own script id; resolves with what it saw. */
async function run(scenario: Scenario, adapter: AdapterUnderTest, mode: Mode) {
  const testId = `${scenario.name} ${adapter.name} ${mode}`.replace(/[^a-zA-Z0-9]+/g, '-');
  server.script(testId, scenario.steps);
  const controller = new AbortController();
  const abortReason = new Error('the caller gave up');
  const call: Call = {
    url: `${server.url}/v1/chat/completions`,
    testId,
    policy: scenario.policy,
    body: scenario.body ?? 'none',
    signal: scenario.abortAfterArrivals === undefined ? undefined : controller.signal,
    abortReason,
  };
  const watcher =
    scenario.abortAfterArrivals === undefined
      ? undefined
      : abortAfter(testId, scenario.abortAfterArrivals, () => controller.abort(abortReason));
  const outcome = mode === 'typed' ? await adapter.typed(call) : await adapter.native(call);
  watcher?.stop();
  return { outcome, arrivals: server.arrivals(testId), requests: server.requests(testId) };
}

function abortAfter(testId: string, arrivals: number, abort: () => void) {
  const timer = setInterval(() => {
    if (server.arrivals(testId) < arrivals) return;
    clearInterval(timer);
    // Let the response land so the call is waiting, not mid-attempt, when the abort comes.
    setTimeout(abort, 50);
  }, 5);
  return { stop: () => clearInterval(timer) };
}

// The undici interceptor answers as fetch does, so it joins the native half only.
const UNDICI: AdapterUnderTest = {
  name: 'undici',
  typed: () => Promise.reject(new Error('the undici interceptor has no typed-error mode')),
  native: undiciNative,
};

describe.each(['typed', 'native'] as const)('%s errors', (mode) => {
  const adapters = mode === 'typed' ? ADAPTERS : [...ADAPTERS, UNDICI];
  test.concurrent.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    const results = await Promise.all(adapters.map((adapter) => run(scenario, adapter, mode)));
    const expected = mode === 'typed' ? scenario.outcome : nativeExpectation(scenario.outcome);
    const seen = Object.fromEntries(
      adapters.map((a, i) => [a.name, { arrivals: results[i]?.arrivals, outcome: results[i]?.outcome }]),
    );
    const wanted = Object.fromEntries(
      adapters.map((a) => [a.name, { arrivals: scenario.arrivals, outcome: expected }]),
    );
    expect(seen).toEqual(wanted);
    for (const { requests } of results) {
      if (scenario.minGapMs !== undefined) {
        const [first, second] = requests;
        expect((second?.receivedAt ?? 0) - (first?.receivedAt ?? 0)).toBeGreaterThanOrEqual(scenario.minGapMs);
      }
      if (scenario.sameBody === true) {
        expect(requests.length).toBe(scenario.arrivals);
        expect(requests[0]?.bodyBytes).toBeGreaterThan(0);
        expect(new Set(requests.map((r) => r.bodySha256)).size).toBe(1);
      }
    }
  });
});
