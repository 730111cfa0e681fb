import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { parseCliArgs } from '../src/cli-args.js';
import { chat } from './support/chat.js';

test('flags become provider options; absent flags keep the defaults', () => {
  const config = parseCliArgs([
    '--rate=50',
    '--burst=10',
    '--hint=retry-after-ms',
    '--service-ms=10-30',
    '--outage=1000-2000:502',
    '--capacity=5000:100:20',
    '--error-rate=0.1',
  ]);
  expect(config.options).toEqual({
    rate: 50,
    burst: 10,
    hint: 'retry-after-ms',
    serviceTimeMs: { min: 10, max: 30 },
    outages: [{ fromMs: 1000, toMs: 2000, status: 502 }],
    capacity: [{ atMs: 5000, rate: 100, burst: 20 }],
    faults: { errorRate: 0.1 },
  });
  expect(
    parseCliArgs(['--limiter=concurrency', '--max-concurrent=4', '--window-ms=5000', '--requests-per-day=100']).options,
  ).toMatchObject({ limiter: 'concurrency', maxConcurrent: 4, windowMs: 5000, requestsPerDay: 100 });
  expect(() => parseCliArgs(['--rate=fast'])).toThrow("--rate: expected a number, got 'fast'");
  expect(() => parseCliArgs(['--bogus'])).toThrow();
});

test('the CLI starts on a free port, serves, and stops on SIGTERM with a summary', async () => {
  const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  // Node itself with tsx as a loader (no wrapper process to relay the signal), and
  // --duration-ms as the backstop: the child stops by itself even if this test fails early.
  const child = spawn(
    process.execPath,
    ['--conditions=@staunch/source', '--import', 'tsx', cli, '--rate', '50', '--burst', '10', '--duration-ms', '20000'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      cwd: root,
    },
  );
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    output += chunk;
  });
  try {
    await expect.poll(() => output, { timeout: 15_000 }).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+\n/);
    const url = /listening on (\S+)/.exec(output)?.[1] ?? '';
    expect((await chat(url)).status).toBe(200);
  } finally {
    child.kill('SIGTERM');
  }
  const [code] = await once(child, 'exit');
  expect(code).toBe(0);
  expect(output).toContain('"arrivals":1');
});
