// Runs every test in one vitest run and ends with a plain summary line ("N passed, N failed"),
// so any log reader can tell that tests ran. Extra arguments go to vitest.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const outDir = join(import.meta.dirname, '..', '.test-results');
const outFile = join(outDir, 'vitest.json');
mkdirSync(outDir, { recursive: true });
rmSync(outFile, { force: true });

const args = [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${outFile}`,
  ...process.argv.slice(2),
];
const run = spawnSync('pnpm', ['exec', ...args], { stdio: 'inherit', env: process.env });

let summary = 'tests: 0 passed, 1 failed';
try {
  const report = JSON.parse(readFileSync(outFile, 'utf8'));
  const failed = report.numFailedTests + (report.numFailedTestSuites ?? 0);
  const skipped = report.numPendingTests + (report.numTodoTests ?? 0);
  summary = `tests: ${report.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
  if (report.numTotalTests === 0) summary = 'tests: 0 passed, 1 failed (no test ran)';
} catch {
  // No report: vitest itself failed to start; the status below says so.
}
console.log(`\n${summary}`);
process.exit(run.status === 0 && !summary.includes('1 failed (no test ran)') ? 0 : run.status || 1);
