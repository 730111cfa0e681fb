// G20: what Staunch adds per call, in process, with no network: the drop-in fetch around a
// transport that answers at once, against that transport called bare. Defaults on (policy,
// adaptive throttle, outage guard) and with the throttle off. Prints Markdown and writes
// bench/results/overhead.md.
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { createFetch } from '@staunch/fetch';
import { renderTable } from './table.js';

const WARMUP = 2_000;
const CALLS = 20_000;
const TARGET_P50_US = 50;
const TARGET_P99_US = 200;

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

const bare: Fetch = async () =>
  new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json' } });
const init: RequestInit = {
  method: 'POST',
  headers: { authorization: 'Bearer bench', 'content-type': 'application/json' },
  body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'Hello there' }], max_tokens: 16 }),
};

async function timings(fetch: Fetch): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await (await fetch('http://bench.local/v1/chat/completions', init)).text();
  const samples: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const started = performance.now();
    const response = await fetch('http://bench.local/v1/chat/completions', init);
    samples.push((performance.now() - started) * 1000);
    await response.text();
  }
  return samples.sort((a, b) => a - b);
}

const at = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

const base = await timings(bare);
const clients: Array<[string, Fetch]> = [
  ['Staunch, defaults', createFetch({ fetch: bare })],
  ['Staunch, throttle off', createFetch({ fetch: bare, throttle: false, retryGate: false })],
];
const rows: string[][] = [['bare transport', at(base, 0.5).toFixed(1), at(base, 0.99).toFixed(1), '–', '–']];
const verdicts: string[] = [];
for (const [name, fetch] of clients) {
  const samples = await timings(fetch);
  const addedP50 = at(samples, 0.5) - at(base, 0.5);
  const addedP99 = at(samples, 0.99) - at(base, 0.99);
  rows.push([
    name,
    at(samples, 0.5).toFixed(1),
    at(samples, 0.99).toFixed(1),
    addedP50.toFixed(1),
    addedP99.toFixed(1),
  ]);
  const pass = addedP50 <= TARGET_P50_US && addedP99 <= TARGET_P99_US;
  verdicts.push(
    `- ${name}: added p50 ${addedP50.toFixed(1)} µs (target ≤ ${TARGET_P50_US}), p99 ${addedP99.toFixed(1)} µs (target ≤ ${TARGET_P99_US}): ${pass ? 'pass' : '**FAIL**'}`,
  );
}

const table = renderTable(['client', 'p50 µs', 'p99 µs', 'added p50 µs', 'added p99 µs'], rows);
const report = [
  '# Overhead per call, in process (G20)',
  '',
  `- date: ${new Date().toISOString()}`,
  `- cpu: ${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores; node ${process.version}`,
  `- ${CALLS} sequential calls after ${WARMUP} warm-up calls; the transport answers at once (no network)`,
  '- command: `pnpm exec tsx --conditions=@staunch/source bench/src/overhead.ts`',
  '',
  '```',
  table,
  '```',
  '',
  ...verdicts,
  '',
].join('\n');
console.log(report);
writeFileSync(join(import.meta.dirname, '..', 'results', 'overhead.md'), report);
