import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// One run for the whole workspace. The `@staunch/source` condition makes workspace packages
// resolve to their TypeScript sources, so tests need no build.
export default defineConfig({
  resolve: { conditions: ['@staunch/source'] },
  ssr: { resolve: { conditions: ['@staunch/source'] } },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'bench/test/**/*.test.ts',
      'docs/test/**/*.test.ts',
    ],
    restoreMocks: true,
    setupFiles: ['./vitest.setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Vitest's default (one worker fewer than the cores) leaves a 2-core machine one worker; most
    // files wait on loopback I/O and timers, so two workers halve the run there.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Heap figures in the soak are taken after a forced collection.
    execArgv: ['--expose-gc'],
  },
});
