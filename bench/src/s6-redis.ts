// `pnpm exec tsx --conditions=@staunch/source bench/src/s6-redis.ts`: S6 with the Redis-shared
// throttle (client `staunch-redis`) beside the per-process one, and again with Redis killed and
// restarted mid-run. Starts and stops its own redis-server; Markdown tables on stdout.
import { type MockProviderOptions, startRedisServer } from '@staunch/testing';
import { REDIS_URL_ENV } from './clients/staunch-redis.js';
import { summarise } from './metrics/summary.js';
import { scenarioSection } from './report/scenario-section.js';
import { ProviderHost, type RemoteProvider } from './runner/provider-client.js';

import { runScenario } from './runner/run-scenario.js';
import { S6_REDIS_SCENARIOS } from './scenarios/s6-redis.js';

/** Runs `onStart` each time a run's provider starts: the moment the load begins. */
class TimedHost extends ProviderHost {
  onStart: (() => void) | undefined;
  override async start(options: MockProviderOptions): Promise<RemoteProvider> {
    const provider = await super.start(options);
    this.onStart?.();
    return provider;
  }
}

const redis = await startRedisServer();
process.env[REDIS_URL_ENV] = redis.url;
const host = new TimedHost();
const timers: NodeJS.Timeout[] = [];
try {
  for (const { scenario, redisOutage } of S6_REDIS_SCENARIOS) {
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
    console.error(`[s6-redis] ${scenario.id}: ${scenario.clients?.join(', ')}`);
    const runs = await runScenario(scenario, scenario.clients ?? [], 1, 'per-process', host);
    console.log(`${scenarioSection(scenario, runs.map(summarise))}\n`);
    for (const run of runs.map(summarise)) {
      console.log(
        `${scenario.id} ${run.client}: goodput ${run.goodput?.toFixed(3)}, attempts/request ${run.attemptsPerRequest.toFixed(3)}`,
      );
    }
  }
} finally {
  for (const timer of timers) clearTimeout(timer);
  host.close();
  await redis.kill();
}
process.exit(0);
