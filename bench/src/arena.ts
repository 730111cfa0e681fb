// `pnpm bench`: every scenario × client on the loopback mock provider; Markdown tables on
// stdout, an SVG chart per scenario and arena.md with the machine's details in the results dir.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startRedisServer } from '@staunch/testing';
import { parseCliOptions, USAGE } from './cli-options.js';
import { REDIS_URL_ENV } from './clients/staunch-redis.js';
import { summarise } from './metrics/summary.js';
import { arenaDocument, type TargetLine } from './report/arena-document.js';
import { chartFor } from './report/chart-for.js';
import { machineDetails } from './report/machine.js';
import { scenarioSection, staunchTargets, targetRow } from './report/scenario-section.js';
import { ProviderHost } from './runner/provider-client.js';
import { runScenario } from './runner/run-scenario.js';
import { selectRuns } from './scenarios/select.js';
import { sweepMain } from './sweep/sweep-main.js';

if (process.argv.includes('--failover')) {
  // The failover bench has its own scenarios and report (bench/src/failover).
  const { failoverMain } = await import('./failover/failover-main.js');
  await failoverMain(process.argv.slice(2));
  process.exit(0);
}
const options = parseCliOptions(process.argv.slice(2));
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
if (options.sweep) {
  await sweepMain(options, `pnpm bench ${process.argv.slice(2).join(' ')}`.trim());
  // Abandoned retries of cut calls must not keep the process alive.
  process.exit(0);
}
const fullRun = !options.quick && options.scenarios === undefined && options.clients === undefined;
const benchDir = resolve(import.meta.dirname, '..');
const outDir = resolve(options.outDir ?? join(benchDir, fullRun ? 'results' : 'results/partial'));
mkdirSync(outDir, { recursive: true });

const began = performance.now();
// `--shared redis`: one redis-server for the run; worker processes inherit its URL.
const redis = options.sharing === 'redis' ? await startRedisServer() : undefined;
if (redis !== undefined) process.env[REDIS_URL_ENV] = redis.url;
const host = new ProviderHost();
const sections: string[] = [];
const targets: TargetLine[] = [];
for (const { scenario, clients } of selectRuns(options)) {
  const scenarioBegan = performance.now();
  console.error(`[arena] ${scenario.id}: ${clients.join(', ')}`);
  const runs = await runScenario(scenario, clients, options.jobs, options.sharing, host);
  const summaries = runs.map(summarise);
  const chartFile = `${scenario.id}.svg`;
  writeFileSync(join(outDir, chartFile), chartFor(runs));
  const section = scenarioSection(scenario, summaries, chartFile);
  sections.push(section);
  for (const check of staunchTargets(scenario, summaries))
    targets.push({ scenario: scenario.id, cells: targetRow(check) });
  console.log(`${section}\n`);
  console.error(`[arena] ${scenario.id} took ${((performance.now() - scenarioBegan) / 1000).toFixed(1)} s`);
}
host.close();
await redis?.stop();
const command = `pnpm bench ${process.argv.slice(2).join(' ')}`.trim();
const document = arenaDocument(machineDetails(command), targets, sections);
writeFileSync(join(outDir, 'arena.md'), document);
console.log(document.slice(document.indexOf('## Staunch targets'), document.indexOf('## Scenarios')).trim());
console.error(`[arena] done in ${((performance.now() - began) / 1000).toFixed(1)} s; results in ${outDir}`);
// Peers' abandoned retries (timers of cut calls) must not keep the process alive.
process.exit(0);
