import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { driveSoak, SOAK_MAX_ATTEMPTS } from './drive-soak.js';

// The PR soak (reliability.md §9.3; G15, §9.2 H49): 10 000 calls at concurrency 64 through
// @staunch/fetch on the loopback fault server, about a quarter faulted. Wall-clock bounds are
// generous: this is a loopback integration test.
test('10 000 calls at concurrency 64: none lost, none settled twice, no unhandled rejection, attempts bounded', async () => {
  const figures = await driveSoak({ requests: 10_000, concurrency: 64, seed: 20_261_122, defaults: false });
  const dir = join(import.meta.dirname, '../../../../.test-results/reliability');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'soak.json'), `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`soak: ${JSON.stringify(figures)}`);

  expect(figures.faulted / figures.requests).toBeGreaterThan(0.2);
  expect([figures.lost, figures.settledTwice, figures.unhandledRejections]).toEqual([0, 0, 0]);
  expect(figures.ok + figures.bodyErrors + figures.failed).toBe(figures.requests);
  // Only truncated bodies break after the response is handed over.
  expect(figures.bodyErrors).toBeLessThanOrEqual(figures.byFault.truncate ?? 0);
  // A call that fails does so with a typed error. (Some calls time out under this load: the
  // figures record how many, for the report; see failures.)
  expect(figures.untyped).toBe(0);
  expect(figures.failed / figures.requests).toBeLessThan(0.05);
  expect(figures.maxAttemptsPerCall).toBeLessThanOrEqual(SOAK_MAX_ATTEMPTS);
  expect(figures.attempts).toBeLessThanOrEqual(SOAK_MAX_ATTEMPTS * figures.requests);
  expect(figures.signalListenersAfter).toBe(0);
  // Generous: 10 000 settled calls must not leave their bodies or records on the heap (100 MB).
  expect(figures.heapAfterMb - figures.heapBeforeMb).toBeLessThan(100);
  expect(figures.wallMs).toBeLessThan(120_000);
}, 180_000);
