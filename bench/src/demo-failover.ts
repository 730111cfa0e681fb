// The demo's third part: a primary provider goes down mid-burst and Staunch moves to a secondary,
// then the primary's breaker lets a half-open probe through and brings it back.
import { createFetch } from '@staunch/fetch';
import { startMockProvider } from '@staunch/testing';
import { FailoverTally, type SecondTally } from './demo-failover-tally.js';
import { renderTable } from './table.js';

const RATE = 20;
const SECONDS = 6;
const OUTAGE = { fromMs: 1000, toMs: 3500, status: 503 };
// The default is 10 s (cockatiel's halfOpenAfter); 1 s keeps the demo short. A failed probe doubles it.
const OPEN_MS = 1000;
const BODY = JSON.stringify({ model: 'demo', messages: [{ role: 'user', content: 'Hi' }], max_tokens: 8 });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Runs the burst against two loopback providers and prints a line per second as it goes. */
export async function failoverDemo(): Promise<void> {
  console.log(
    `\nFailover: ${RATE} chat calls/s for ${SECONDS} s to a primary provider that answers ${OUTAGE.status} from ` +
      `${OUTAGE.fromMs / 1000} s to ${OUTAGE.toMs / 1000} s,\na healthy secondary behind it. Five failures in a row ` +
      `open the primary's breaker; half-open after ${OPEN_MS / 1000} s.\n`,
  );
  const [primary, secondary] = await Promise.all([
    startMockProvider({ rate: 1000, serviceTimeMs: 5, outages: [OUTAGE] }),
    startMockProvider({ rate: 1000, serviceTimeMs: 5 }),
  ]);
  const started = performance.now();
  const tally = new FailoverTally('primary');
  const fetch = createFetch({
    targets: [
      { name: 'primary', baseURL: `${primary.url}/v1`, policy: 'openai' },
      { name: 'secondary', baseURL: `${secondary.url}/v1`, policy: 'together', keys: ['secondary-key'] },
    ],
    failover: { breaker: { openMs: OPEN_MS } },
  });
  fetch.onRoute((route) => tally.add(secondOf(performance.now() - started), route));
  const widths = [6, 5, 7, 9, 16, 4, 7, 0];
  const header = ['second', 'calls', 'primary', 'secondary', 'primary arrivals', 'lost', 'skipped', 'breaker'];
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(Math.max(widths[i] ?? 0, header[i]?.length ?? 0)))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(line(header.map((h, i) => '─'.repeat(Math.max(h.length, widths[i] ?? 0)))));
  const arrivalsIn = (second: number) => primary.stats().timeline.filter((e) => secondOf(e.atMs) === second);
  const printSecond = (second: number) => {
    const s = tally.seconds[second];
    const arrivals = arrivalsIn(second);
    const failed = arrivals.filter((e) => e.status >= 500).length;
    console.log(
      line([
        `${second}–${second + 1}`,
        String(s?.calls ?? 0),
        String(s?.servedByPrimary ?? 0),
        String(s?.servedBySecondary ?? 0),
        failed > 0 ? `${arrivals.length} (${failed} × ${OUTAGE.status})` : String(arrivals.length),
        String(s?.lost ?? 0),
        String(s?.skipped ?? 0),
        s?.breakerEvents.join('; ') || (second === 0 ? 'closed' : ''),
      ]),
    );
  };
  const printer = (async () => {
    // Each second's line once its calls have settled (they take a few ms on loopback).
    for (let second = 0; second < SECONDS; second++) {
      await sleep(started + (second + 1) * 1000 + 80 - performance.now());
      printSecond(second);
    }
  })();
  try {
    await Promise.all([burst(fetch, `${primary.url}/v1/chat/completions`, started), printer]);
  } finally {
    await Promise.all([primary.close(), secondary.close()]);
  }
  report(
    tally.totals(),
    primary.stats().timeline.filter((e) => e.atMs >= OUTAGE.fromMs && e.atMs < OUTAGE.toMs),
  );
}

function secondOf(ms: number): number {
  return Math.min(SECONDS - 1, Math.max(0, Math.floor(ms / 1000)));
}

/** Open loop: calls keep coming at RATE whatever the answers, as users in front of an app do. */
async function burst(
  fetch: (url: string, init: RequestInit) => Promise<Response>,
  url: string,
  started: number,
): Promise<void> {
  const calls: Promise<void>[] = [];
  for (let i = 0; i < RATE * SECONDS; i++) {
    await sleep(started + (i * 1000) / RATE - performance.now());
    calls.push(
      fetch(url, {
        method: 'POST',
        headers: { authorization: 'Bearer demo-key', 'content-type': 'application/json' },
        body: BODY,
      }).then(
        (response) => response.body?.cancel(),
        () => undefined, // The route report counts it as lost.
      ),
    );
  }
  await Promise.all(calls);
}

function report(totals: SecondTally, duringOutage: readonly { readonly status: number }[]): void {
  const outageMs = OUTAGE.toMs - OUTAGE.fromMs;
  console.log(
    `\n${renderTable(
      [
        'calls',
        'served by primary',
        'served by secondary',
        'lost',
        `primary arrivals in the ${outageMs / 1000} s outage`,
      ],
      [
        [
          String(totals.calls),
          String(totals.servedByPrimary),
          String(totals.servedBySecondary),
          String(totals.lost),
          `${duringOutage.length} of ${(RATE * outageMs) / 1000} calls`,
        ],
      ],
    )}`,
  );
  console.log("\nFive 503s open the primary's breaker; from then on calls go straight to the secondary");
  console.log('without waiting. Each half-open interval lets one probe through: a failed one opens the');
  console.log('breaker again for twice as long, a served one closes it and the primary takes the calls back.');
}
