// The README's first command: a loopback server answers with every documented error code of
// Together AI and the 4AllAPI gateway, and Staunch decides what to do with each.
import { isStaunchError, matchRule } from '@staunch/core';
import { createFetch } from '@staunch/fetch';
import { resolvePolicy } from '@staunch/presets';
import { startFaultServer } from '@staunch/testing';
import { failoverDemo } from './demo-failover.js';
import { race } from './demo-race.js';
import { SEED_SCENARIOS, type SeedScenario, seedBody } from './seed-scenarios.js';
import { renderTable } from './table.js';

interface Row {
  readonly scenario: SeedScenario;
  readonly action: string;
  readonly attempts: number;
  readonly waitedMs: number;
  readonly hint: string;
}

const server = await startFaultServer();
try {
  console.log(`Loopback provider on ${server.url}: each code is answered twice, then 200 OK.\n`);
  let done = 0;
  const progress = (): void => {
    if (process.stdout.isTTY) process.stdout.write(`\r  ${done}/${SEED_SCENARIOS.length} calls settled`);
  };
  progress();
  const rows = await Promise.all(
    SEED_SCENARIOS.map(async (scenario, index) => {
      const row = await play(scenario, `seed-${index}`);
      done += 1;
      progress();
      return row;
    }),
  );
  if (process.stdout.isTTY) process.stdout.write('\r\x1b[K');
  console.log(
    renderTable(
      ['code', 'provider', 'action taken', 'attempts', 'waited', 'hint'],
      rows.map((row) => [
        row.scenario.code ? `${row.scenario.status} ${row.scenario.code}` : String(row.scenario.status),
        row.scenario.preset,
        row.action,
        String(row.attempts),
        `${(row.waitedMs / 1000).toFixed(2)} s`,
        row.hint,
      ]),
      [32, 10, 34, 8, 8, 64],
    ),
  );
  console.log('\nFail-fast codes cost one request; transient ones are retried with jittered backoff or the');
  console.log("server's own wait; the gateway's 504/524 are retried once only, since they may already be billed.");
} finally {
  await server.close();
}
await race();
await failoverDemo();

async function play(scenario: SeedScenario, id: string): Promise<Row> {
  const failure = {
    status: scenario.status,
    headers: { 'content-type': 'application/json', ...scenario.headers },
    body: seedBody(scenario),
  };
  server.script(id, [failure, failure, { status: 200 }]);
  const policy = resolvePolicy(scenario.preset);
  const rule = matchRule(policy, {
    kind: 'status',
    status: scenario.status,
    codes: scenario.code ? [scenario.code] : [],
  });
  const fetch = createFetch({ policy, throwHttpErrors: true });
  let waitedMs = 0;
  fetch.onRetry((event) => {
    waitedMs += event.delayMs;
  });
  let action: string;
  try {
    const response = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'x-test-id': id, 'content-type': 'application/json', authorization: 'Bearer demo-key' },
      body: JSON.stringify({ model: 'demo-model', messages: [{ role: 'user', content: 'Hello' }], max_tokens: 16 }),
    });
    await response.body?.cancel();
    action = `retried, then ${response.status} OK`;
  } catch (error) {
    if (!isStaunchError(error)) throw error;
    action = rule.action === 'fail' ? 'failed fast' : 'retried, then gave up';
  }
  return { scenario, action, attempts: server.arrivals(id), waitedMs, hint: rule.hint ?? '' };
}
