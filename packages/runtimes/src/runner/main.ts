import { rm } from 'node:fs/promises';
import { startCorsServer } from '../server/cors-server.js';
import type { CaseResult } from '../suite/run-suite.js';
import { bundleSuite } from './bundle-suite.js';
import { RUNTIMES } from './runtimes.js';
import { printReport, type Row } from './table.js';

/**
 * `pnpm test:runtimes [label…]`: the runtime subset in every runtime (or those named), a table of
 * counts per runtime, and a non-zero exit on any failure. A runtime whose binary is missing is
 * skipped with the reason, except under CI, where it fails: CI installs them all.
 */
async function main(filter: readonly string[]): Promise<number> {
  const { dir, file } = await bundleSuite();
  const server = await startCorsServer();
  const rows: Row[] = [];
  try {
    const chosen = RUNTIMES.filter((r) => filter.length === 0 || filter.some((f) => r.label.toLowerCase().includes(f)));
    // Two at a time: the machine has two cores, and the suite's timing checks want headroom.
    const queue = [...chosen];
    const worker = async () => {
      for (let runtime = queue.shift(); runtime !== undefined; runtime = queue.shift()) {
        const started = Date.now();
        const missing = runtime.missing();
        if (missing !== undefined) {
          const status = process.env.CI ? 'failed' : 'skipped';
          const results: CaseResult[] = [{ name: 'the runtime is installed', status, detail: missing }];
          rows.push({ label: runtime.label, version: '—', results, ms: 0 });
          continue;
        }
        const run = await runtime.run(dir, file, server.url);
        rows.push({ label: runtime.label, version: run.version, results: run.results, ms: Date.now() - started });
      }
    };
    await Promise.all([worker(), worker()]);
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
  rows.sort((a, b) => RUNTIMES.findIndex((r) => r.label === a.label) - RUNTIMES.findIndex((r) => r.label === b.label));
  return printReport(rows);
}

process.exitCode = await main(process.argv.slice(2).map((a) => a.toLowerCase()));
