// The demo's second half: the same burst of chat requests against a rate-limited mock provider,
// sent with plain fetch and with Staunch, and what each achieved.
import { createFetch } from '@staunch/fetch';
import { startMockProvider } from '@staunch/testing';
import { renderTable } from './table.js';

const RATE = 50;
const BURST = 10;
const REQUESTS = 300;
const CONCURRENCY = 32;

interface RaceResult {
  readonly client: string;
  readonly ok: number;
  readonly arrivals: number;
  readonly rateLimited: number;
  readonly seconds: number;
  readonly p95Ms: number;
}

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** Runs both clients, one after the other, each against a fresh provider. */
export async function race(): Promise<void> {
  console.log(
    `\nA mock provider allows ${RATE} requests/s (burst ${BURST}); ${REQUESTS} chat requests, ${CONCURRENCY} at a time.`,
  );
  const results = [
    await runClient('plain fetch', (url, init) => fetch(url, init)),
    await runClient('Staunch', createFetch({ policy: 'openai' })),
  ];
  console.log(
    `\n${renderTable(
      ['client', 'succeeded', 'requests sent', '429s', 'successes/s', 'p95 latency', 'time'],
      results.map((r) => [
        r.client,
        `${r.ok}/${REQUESTS}`,
        String(r.arrivals),
        String(r.rateLimited),
        (r.ok / r.seconds).toFixed(1),
        `${r.p95Ms.toFixed(0)} ms`,
        `${r.seconds.toFixed(1)} s`,
      ]),
    )}`,
  );
  console.log('\nPlain fetch gives up on every 429. Staunch learns the limit from the 429s and the');
  console.log('rate-limit headers, paces itself below it, and waits as long as the server asks.');
}

async function runClient(client: string, send: Fetch): Promise<RaceResult> {
  const provider = await startMockProvider({
    rate: RATE,
    burst: BURST,
    hint: 'openai',
    serviceTimeMs: { min: 10, max: 30 },
  });
  const latencies: number[] = [];
  let ok = 0;
  let done = 0;
  let next = 0;
  const started = performance.now();
  const bar = progress(client);
  const worker = async (): Promise<void> => {
    while (next < REQUESTS) {
      next += 1;
      const sent = performance.now();
      try {
        const response = await send(`${provider.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { authorization: 'Bearer demo-key', 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'demo', messages: [{ role: 'user', content: 'Hi' }], max_tokens: 8 }),
        });
        await response.arrayBuffer();
        if (response.ok) ok += 1;
      } catch {
        // A failed call counts as not succeeded.
      }
      latencies.push(performance.now() - sent);
      done += 1;
      bar(done, ok);
    }
  };
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  } finally {
    await provider.close();
  }
  const stats = provider.stats();
  latencies.sort((a, b) => a - b);
  return {
    client,
    ok,
    arrivals: stats.arrivals,
    rateLimited: stats.rateLimited,
    seconds: (performance.now() - started) / 1000,
    p95Ms: latencies[Math.floor(latencies.length * 0.95)] ?? 0,
  };
}

/** A live bar on a terminal; a few plain lines elsewhere (CI logs). */
function progress(client: string): (done: number, ok: number) => void {
  const width = 30;
  let lastLine = -1;
  return (done, ok) => {
    const share = done / REQUESTS;
    if (process.stdout.isTTY) {
      const filled = Math.round(share * width);
      const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
      process.stdout.write(`\r  ${client.padEnd(12)} ${bar} ${done}/${REQUESTS}  ok ${ok}`);
      if (done === REQUESTS) process.stdout.write('\n');
      return;
    }
    const step = Math.floor(share * 4);
    if (step !== lastLine) {
      lastLine = step;
      console.log(`  ${client.padEnd(12)} ${done}/${REQUESTS} settled, ${ok} ok`);
    }
  };
}
