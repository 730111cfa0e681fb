// G6 (second half) and §9.2 G44: a settled call leaves nothing that keeps the process alive, and
// a pending retry does keep it alive until the retry has run. Real child processes.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const here = import.meta.dirname;
const root = join(here, '..', '..', '..', '..');

interface Exit {
  readonly code: number | null;
  readonly stdout: string;
  readonly settledToExitMs: number;
}

function runChild(script: string): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@staunch/source', '--import', 'tsx', join(here, 'fixtures', script)],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let stdout = '';
    let settledAt = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (settledAt === 0 && stdout.includes('settled')) settledAt = performance.now();
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, settledToExitMs: settledAt === 0 ? Number.NaN : performance.now() - settledAt });
    });
  });
}

test('after a retried call settles, the process exits promptly on its own', async () => {
  const exit = await runChild('settle-then-exit.ts');
  expect(exit.code).toBe(0);
  expect(exit.stdout).toContain('settled ok after 2 attempts');
  // Generous bound for a loaded machine; a leaked timer would hold it for the 30 s deadline.
  expect(exit.settledToExitMs).toBeLessThan(1500);
});

test('a pending retry keeps the process alive until the retry has run', async () => {
  const exit = await runChild('pending-retry.ts');
  expect(exit.code).toBe(0);
  expect(exit.stdout).toContain('retry ran');
});
