// Lints every published package as it would be installed: publint on the packed tarball and
// "are the types wrong" with the ESM-only profile. Run after `pnpm build`.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const packages = readdirSync(join(root, 'packages'))
  .map((name) => join(root, 'packages', name))
  .filter((dir) => !JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).private);

let failed = 0;
for (const dir of packages) {
  const name = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name;
  for (const [tool, args] of [
    ['publint', ['--strict']],
    ['attw', ['--pack', '.', '--profile', 'esm-only', '--format', 'ascii']],
  ]) {
    const run = spawnSync('pnpm', ['exec', tool, ...args], { cwd: dir, encoding: 'utf8' });
    const ok = run.status === 0;
    if (!ok) failed += 1;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${tool.padEnd(8)} ${name}`);
    if (!ok) console.log(run.stdout, run.stderr);
  }
}
console.log(`\npackage checks: ${packages.length * 2 - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
