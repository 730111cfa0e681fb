// Runs every test in one vitest run and ends with a plain summary line ("N passed, N failed"),
// so any log reader can tell that tests ran. Runs vitest on the node that runs this script,
// so `npx -y node@24 scripts/test.mjs` is a second pass on another runtime.
// Extra arguments go to vitest.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const outDir = join(root, '.test-results');
const outFile = join(outDir, `vitest-${process.version}.json`);
mkdirSync(outDir, { recursive: true });
rmSync(outFile, { force: true });

const vitest = join(createRequire(join(root, 'package.json')).resolve('vitest/package.json'), '..', 'vitest.mjs');
const args = [
  vitest,
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${outFile}`,
  ...process.argv.slice(2),
];
console.log(`Running the test suite on Node ${process.version}`);
const run = spawnSync(process.execPath, args, { stdio: 'inherit', env: process.env, cwd: root });

let summary = 'tests: 0 passed, 1 failed (vitest wrote no report)';
try {
  const report = JSON.parse(readFileSync(outFile, 'utf8'));
  // A file that failed without any failing test (an import or setup error) counts once too.
  const brokenFiles = (report.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
  ).length;
  const failed = report.numFailedTests + brokenFiles;
  const skipped = report.numPendingTests + (report.numTodoTests ?? 0);
  summary = `tests: ${report.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
  if (report.numTotalTests === 0) summary = 'tests: 0 passed, 1 failed (no test ran)';
} catch {
  // No report: vitest failed to start; the summary above says so.
}
console.log(`\n${summary}`);
const ok = run.status === 0 && !summary.includes(', 1 failed (');
process.exit(ok ? 0 : run.status || 1);
