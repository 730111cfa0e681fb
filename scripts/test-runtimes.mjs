// `pnpm test:runtimes [name…]`: the runtime conformance subset (packages/runtimes) in Node 20 and
// 24, Deno, Bun, workerd and Chromium, or in the runtimes whose names are given. Prints one row per
// runtime (version, passed, failed, skipped) and exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const main = join(root, 'packages/runtimes/src/runner/main.ts');
const run = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--conditions=@staunch/source', main, ...process.argv.slice(2)],
  { stdio: 'inherit', cwd: root, env: process.env },
);
process.exit(run.status ?? 1);
