// `pnpm bench --failover [--quick] [--runs 3]`: the failover scenarios F1–F5, Staunch's chain
// against cockatiel breakers with a hand-written fallback, the Portkey gateway (a child process on
// loopback, started once for the bench) and ai-fallback over the AI SDK, on fresh loopback servers
// per run; writes bench/results/failover.md, failover.json and failover.svg.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FAILOVER_CHART, failoverChart } from './chart.js';
import { CONTENDERS } from './contenders.js';
import { warmUpGateway } from './portkey.js';
import { startGateway } from './portkey-gateway.js';
import { failoverReport } from './report.js';
import { FAILOVER_SCENARIOS, type FailoverRun } from './scenarios.js';

export async function failoverMain(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: { failover: { type: 'boolean' }, quick: { type: 'boolean', default: false }, runs: { type: 'string' } },
  });
  const quick = values.quick ?? false;
  const runs = Number(values.runs ?? (quick ? 1 : 3));
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`Expected \`--runs\` to be a positive integer, got ${values.runs}`);
  const results: FailoverRun[] = [];
  const loadAtStart = loadavg()[0] ?? 0;
  const gateway = await startGateway();
  try {
    await warmUpGateway(gateway.url);
    for (let run = 1; run <= runs; run++) {
      for (const scenario of FAILOVER_SCENARIOS) {
        // Interleaved per run, so a slow moment of the machine hits every contender alike.
        for (const contender of CONTENDERS) {
          const measured = await scenario.run(contender, quick);
          results.push(measured);
          console.error(
            `[failover] run ${run} ${scenario.id} ${contender}: ratio ${measured.ratio.toFixed(3)}, primary ${measured.primaryArrivals}`,
          );
        }
      }
    }
  } finally {
    await gateway.stop();
  }
  const command = `pnpm bench ${argv.join(' ')}`.trim();
  const load = { start: loadAtStart, end: loadavg()[0] ?? 0 };
  const document = failoverReport(results, command, runs, quick ? 'failover-quick.svg' : FAILOVER_CHART, load);
  console.log(document);
  // A quick run is a check, not a result: it goes to results/partial (ignored), as the arena's and the sweep's do.
  const outDir = resolve(import.meta.dirname, quick ? '../../results/partial' : '../../results');
  mkdirSync(outDir, { recursive: true });
  const name = quick ? 'failover-quick' : 'failover';
  writeFileSync(join(outDir, `${name}.md`), document);
  writeFileSync(join(outDir, `${name}.json`), `${JSON.stringify(results, null, 2)}\n`);
  // The quick run's chart goes beside its tables under its own name, like them.
  writeFileSync(join(outDir, quick ? 'failover-quick.svg' : FAILOVER_CHART), failoverChart(results));
}
