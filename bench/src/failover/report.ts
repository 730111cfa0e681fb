import { cpus } from 'node:os';
import { CONTENDERS } from './contenders.js';
import { FAILOVER_SCENARIOS, type FailoverRun } from './scenarios.js';

/** The median and the range over runs, as `0.98 (0.97–0.99)`. */
function spread(values: readonly number[], digits: number): string {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  const text = (v: number) => v.toFixed(digits);
  return sorted.length === 1 ? text(median) : `${text(median)} (${text(sorted[0] ?? 0)}–${text(sorted.at(-1) ?? 0)})`;
}

/** The machine's 1-minute load average when the bench started and when it ended. */
export interface LoadAverages {
  readonly start: number;
  readonly end: number;
}

/**
 * The header's load sentence. Only the start tells of other work (the end includes the bench's own
 * processes); a 1-minute load of 1.5 or more at the start is called busy.
 */
function loadLine(load: LoadAverages): string {
  const figures = `1-minute load ${load.start.toFixed(2)} at the start (${load.end.toFixed(2)} at the end, the bench's own processes included)`;
  return load.start >= 1.5 ? `The machine was busy with other work: ${figures}.` : `Machine not busy: ${figures}.`;
}

/** The peers, each as configured (versions as bench/package.json pins them). */
const PEERS = [
  'Median (min–max) over the runs. Peers:',
  '',
  '- **cockatiel** 3.2.1: `circuitBreaker(…, { halfOpenAfter: 10 * 1000, breaker: new ConsecutiveBreaker(5) })` per destination, with a hand-written fallback to the next.',
  '- **portkey**: the Portkey gateway, `@portkey-ai/gateway` 1.15.2 (`build/start-server.js --port=N --headless`, a child process bound to 127.0.0.1 by a preload, as it has no host option, warmed up with 120 calls), called at its `/v1/chat/completions` with an `x-portkey-config` header: `strategy: { mode: "fallback" }` over `{ provider: "openai", custom_host: <loopback>/v1, api_key }` targets (F1, F2, F4, F5), `strategy: { mode: "loadbalance" }` over one such target per key with `weight: 1` (F3). Gateway defaults otherwise: no `on_status_codes` (the fallback moves on after any non-2xx answer), no `retry` (0 attempts), no `request_timeout`; loopback hosts pass its custom-host check by default (`TRUSTED_CUSTOM_HOSTS` unset: localhost, 127.0.0.1, ::1). The open-source gateway keeps no breaker state (its router skips open targets only for a saved config with an `id`, and this build never sets the circuit-breaker hook), so every call meets the primary first.',
  '- **ai-fallback** 3.0.0 on the AI SDK (`ai` 7.0.173, `@ai-sdk/openai` 4.0.118): `createFallback({ models })` over one `createOpenAI({ baseURL: <loopback>/v1, apiKey }).chat("gpt-4o-mini")` per destination (per key in F3), `generateText` with the AI SDK\'s default `maxRetries` (2; ai-fallback\'s README gives none). It stays on the model that last answered (`modelResetInterval` 3 min); it has no hedging. Its package.json asks for Node ≥ 22; it runs unchanged on this Node 20.',
  '',
];

/** Markdown: per scenario, each contender's ratio to capacity, calls lost and what reached the primary. */
export function failoverReport(
  results: readonly FailoverRun[],
  command: string,
  runs: number,
  chart = 'failover.svg',
  load?: LoadAverages,
): string {
  const lines = [
    '# Failover bench',
    '',
    `\`${command}\` — ${runs} run(s), each on fresh loopback servers; Node ${process.version}, ${cpus().length} CPU(s).`,
    ...(load === undefined ? [] : [loadLine(load)]),
    'Ratio: successes per second ÷ the capacity available (the load offered when the healthy providers can serve all of it).',
    '',
    `![Staunch against cockatiel + fallback, the Portkey gateway and ai-fallback, per measure](${chart})`,
    '',
    ...PEERS,
  ];
  for (const scenario of FAILOVER_SCENARIOS) {
    lines.push(`## ${scenario.id}: ${scenario.title}`, '');
    const f3 = scenario.id === 'F3';
    if (scenario.id === 'F4') {
      lines.push('| contender | ratio | p99 latency, ms | extra requests |', '| --- | --- | --- | --- |');
      for (const contender of CONTENDERS) {
        const mine = results.filter((r) => r.scenario === 'F4' && r.contender === contender);
        if (mine.length === 0) continue;
        const p99 = spread(
          mine.map((r) => r.p99Ms ?? 0),
          0,
        );
        const extra = `${spread(
          mine.map((r) => (r.extraShare ?? 0) * 100),
          1,
        )} %`;
        const ratio = spread(
          mine.map((r) => r.ratio),
          3,
        );
        lines.push(`| ${contender} | ${ratio} | ${p99} | ${extra} |`);
      }
      lines.push('');
      continue;
    }
    lines.push(
      f3
        ? '| contender | ratio | lost | 429 share | 429 share after 1 s |'
        : '| contender | ratio | lost | primary arrivals |',
    );
    lines.push(f3 ? '| --- | --- | --- | --- | --- |' : '| --- | --- | --- | --- |');
    for (const contender of CONTENDERS) {
      const mine = results.filter((r) => r.scenario === scenario.id && r.contender === contender);
      if (mine.length === 0) continue;
      const percent = (pick: (r: FailoverRun) => number | undefined) =>
        `${spread(
          mine.map((r) => (pick(r) ?? 0) * 100),
          1,
        )} %`;
      const last = f3
        ? `${percent((r) => r.share429)} | ${percent((r) => r.share429Learnt)}`
        : spread(
            mine.map((r) => r.primaryArrivals),
            0,
          );
      lines.push(
        `| ${contender} | ${spread(
          mine.map((r) => r.ratio),
          3,
        )} | ${spread(
          mine.map((r) => r.lost),
          0,
        )} | ${last} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}
