// `pnpm exec tsx --conditions=@staunch/source bench/src/s6-redis.ts [--runs 3] [--scenario S6-redis-kill]
// [--client staunch-redis]`: S6 with the Redis-shared throttle (client `staunch-redis`) beside the
// per-process one, and again with Redis killed and restarted mid-run. Starts and stops its own
// redis-server; Markdown tables on stdout, then each run's goodput (successes ÷ the server's
// capacity over the run's wall time).
import { parseArgs } from 'node:util';
import { type MockProviderOptions, startRedisServer, type TimelineEntry } from '@staunch/testing';
import { REDIS_URL_ENV } from './clients/staunch-redis.js';
import { type Summary, summarise } from './metrics/summary.js';
import { scenarioSection } from './report/scenario-section.js';
import { ProviderHost, type RemoteProvider } from './runner/provider-client.js';
import { runScenario } from './runner/run-scenario.js';
import { S6_REDIS_SCENARIOS } from './scenarios/s6-redis.js';

const TIMELINE_BIN_MS = 500;

/** Runs `onStart` each time a run's provider starts: the moment the load begins. */
class TimedHost extends ProviderHost {
  onStart: (() => void) | undefined;
  override async start(options: MockProviderOptions): Promise<RemoteProvider> {
    const provider = await super.start(options);
    this.onStart?.();
    return provider;
  }
}

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '1' },
    scenario: { type: 'string' },
    client: { type: 'string' },
    timeline: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`Expected \`--runs\` to be a positive integer, got ${values.runs}`);
const pick = (value: string | undefined) => value?.split(',').map((s) => s.trim());
const scenarioIds = pick(values.scenario);
const clientNames = pick(values.client);
const selected = S6_REDIS_SCENARIOS.filter((s) => scenarioIds === undefined || scenarioIds.includes(s.scenario.id));
if (selected.length === 0) {
  throw new Error(`Unknown --scenario ${values.scenario}; expected ${S6_REDIS_SCENARIOS.map((s) => s.scenario.id)}`);
}

/** Answers per 500 ms from the provider's start, as `ok/429` (the shape of a run at a glance). */
function timeline(entries: readonly TimelineEntry[]): string {
  const last = Math.max(0, ...entries.map((e) => e.atMs));
  const bins = Array.from({ length: Math.floor(last / TIMELINE_BIN_MS) + 1 }, () => ({ ok: 0, limited: 0 }));
  for (const e of entries) {
    const bin = bins[Math.floor(e.atMs / TIMELINE_BIN_MS)];
    if (bin === undefined) continue;
    if (e.status === 429) bin.limited += 1;
    else if (e.status < 400) bin.ok += 1;
  }
  return bins.map((b) => `${b.ok}/${b.limited}`).join(' ');
}

const redis = await startRedisServer();
process.env[REDIS_URL_ENV] = redis.url;
const host = new TimedHost();
const timers: NodeJS.Timeout[] = [];
const goodputs = new Map<string, Summary[]>();
try {
  for (const { scenario, redisOutage } of selected) {
    host.onStart =
      redisOutage === undefined
        ? undefined
        : () => {
            const began = performance.now();
            const log = (what: string) =>
              console.error(`[s6-redis] ${what} at ${((performance.now() - began) / 1000).toFixed(2)} s`);
            timers.push(setTimeout(() => void redis.kill().then(() => log('redis killed')), redisOutage.fromMs));
            timers.push(setTimeout(() => void redis.restart().then(() => log('redis restarted')), redisOutage.toMs));
          };
    const clients = (scenario.clients ?? []).filter((c) => clientNames === undefined || clientNames.includes(c));
    for (let run = 1; run <= runs; run++) {
      console.error(`[s6-redis] ${scenario.id} run ${run}/${runs}: ${clients.join(', ')}`);
      const results = await runScenario(scenario, clients, 1, 'per-process', host);
      const summaries = results.map(summarise);
      console.log(`${scenarioSection(scenario, summaries)}\n`);
      if (values.timeline) for (const r of results) console.log(`${r.client}: ${timeline(r.timeline)}`);
      for (const s of summaries) {
        const key = `${scenario.id} ${s.client}`;
        goodputs.set(key, [...(goodputs.get(key) ?? []), s]);
        console.log(`${key}: goodput ${s.goodput?.toFixed(3)}, attempts/request ${s.attemptsPerRequest.toFixed(3)}`);
      }
    }
  }
  console.log('\ngoodput ÷ capacity per run:');
  for (const [key, list] of goodputs) {
    const figures = list.map((s) => s.goodput?.toFixed(3) ?? '–').join(', ');
    const attempts = list.map((s) => s.attemptsPerRequest.toFixed(2)).join(', ');
    console.log(`- ${key}: ${figures} (attempts/request ${attempts})`);
  }
} finally {
  for (const timer of timers) clearTimeout(timer);
  host.close();
  await redis.kill();
}
process.exit(0);
