import { parseArgs } from 'node:util';
import {
  applyHeaders,
  DEFAULT_TUNING,
  headerRatePerS,
  initialScopeState,
  isQuotaReading,
  parseHttpDate,
  type RateLimitReading,
  readRateLimits,
  serverWait,
} from '@staunch/core';
import { PRESETS, resolvePolicy } from '@staunch/presets';
import type { CliIo } from '../io.js';
import { parseResponseHead, type ResponseHead } from '../response-head.js';
import { lines, type Style, styleFor } from '../style.js';
import { parseHosts, resolveTarget, type Target } from '../target.js';
import { EXIT_FINDING, EXIT_OK, UsageError } from '../usage-error.js';

export const HEADERS_USAGE = `Usage: staunch headers [<preset|url>] [--hosts <json>] < response.txt

Reads a response head as curl -i prints it (curl -si URL | staunch headers openai) and explains
its rate-limit headers: limit, remaining, reset as a time and as a wait, the wait the server asks
for, and the pace Staunch's throttle adopts from them. Without a preset, the preset whose headers
these are is guessed. Exits 1 when there is no rate-limit header Staunch reads.

  --hosts <json>  your host map, as the adapters' hosts option: '{"llm.internal":"openai"}'
  -h, --help      this help`;

/** Limits, remainings and resets read: a preset that reads more of these headers wrote them. */
function fieldsRead(readings: readonly RateLimitReading[]): number {
  let count = 0;
  for (const { limit, remaining, resetMs } of readings)
    count += Number(limit !== undefined) + Number(remaining !== undefined) + Number(resetMs !== undefined);
  return count;
}

/** The preset that reads the most of these headers (the first listed on a tie); `undefined` when none reads any. */
function guessTarget(head: ResponseHead, now: number): Target | undefined {
  let best: { target: Target; count: number } | undefined;
  for (const preset of PRESETS) {
    const policy = resolvePolicy(preset.name);
    const count = fieldsRead(readRateLimits(head.headers, policy.rateLimitHeaders, now));
    if (count > 0 && (best === undefined || count > best.count)) {
      best = { target: { preset, policy, chosenBy: 'the headers (guessed: give a preset to be sure)' }, count };
    }
  }
  return best?.target;
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

function rate(perS: number, unit: string): string {
  return perS >= 1 ? `${Number(perS.toFixed(2))} ${unit}/s` : `${Number((perS * 60).toFixed(2))} ${unit}/min`;
}

function describeReading(reading: RateLimitReading, serverNow: number, style: Style): string {
  const parts: string[] = [];
  const per = reading.windowSeconds === undefined ? '' : ` per ${reading.windowSeconds} s`;
  if (reading.limit !== undefined) parts.push(`limit ${reading.limit}${per}`);
  if (reading.remaining !== undefined) {
    const text = `remaining ${reading.remaining}`;
    parts.push(reading.remaining === 0 ? style.bad(text) : text);
  }
  if (reading.resetMs !== undefined) {
    parts.push(`resets in ${seconds(reading.resetMs)} (at ${new Date(serverNow + reading.resetMs).toISOString()})`);
  }
  const pace = headerRatePerS(reading);
  const note = isQuotaReading(reading)
    ? 'a quota, not a pace: it holds the scope only once spent'
    : pace === undefined
      ? 'states no pace by itself'
      : `states a pace of ${rate(pace, reading.unit)}`;
  return `${parts.join(' · ')}\n${' '.repeat(10)}${style.dim(note)}`;
}

export async function headers(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { hosts: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help === true) {
    io.stdout(`${HEADERS_USAGE}\n`);
    return EXIT_OK;
  }
  if (positionals.length > 1) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[1])}.`);
  const given = positionals[0] === undefined ? undefined : resolveTarget(positionals[0], parseHosts(values.hosts));
  const text = await io.readStdin();
  if (text.trim() === '')
    throw new UsageError('headers reads a response head on stdin: curl -si <url> | staunch headers <preset>');
  const head = parseResponseHead(text);
  const style = styleFor(io);
  const now = io.now();
  const date = head.headers.get('date');
  const serverNow = (typeof date === 'string' ? parseHttpDate(date, now) : undefined) ?? now;
  const target = given ?? guessTarget(head, serverNow) ?? resolveTarget('default');
  const { policy } = target;
  const readings = readRateLimits(head.headers, policy.rateLimitHeaders, serverNow);
  const wait = serverWait(head.headers, policy.rateLimitHeaders, serverNow);
  const name = target.preset === undefined ? 'default' : `${target.preset.name} (${target.preset.title})`;
  const rows: ([string, string] | undefined)[] = [
    ['preset', target.chosenBy === 'name' ? name : `${name}, chosen by ${target.chosenBy}`],
    head.status === undefined ? undefined : ['status', String(head.status)],
    ...readings.map((reading): [string, string] => [reading.unit, describeReading(reading, serverNow, style)]),
  ];
  if (wait !== undefined)
    rows.push([
      'wait',
      `the server asks to wait ${seconds(wait.delayMs)} (${wait.source}); Staunch honours it on a retry`,
    ]);
  if (readings.length === 0 && wait === undefined) {
    rows.push(['found', style.warn(`no rate-limit header that ${target.preset?.name ?? 'the default policy'} reads`)]);
    io.stdout(lines(style, rows));
    return EXIT_FINDING;
  }
  rows.push(['throttle', throttleLine(readings)]);
  io.stdout(lines(style, rows));
  return EXIT_OK;
}

/** What the throttle's own header step (core's applyHeaders) makes of a fresh scope. */
function throttleLine(readings: readonly RateLimitReading[]): string {
  const now = 0;
  const state = applyHeaders(initialScopeState(now), now, readings, DEFAULT_TUNING);
  const parts: string[] = [];
  parts.push(
    state.rate > 0
      ? `paces this scope at ${rate(state.rate, 'requests')}`
      : 'states no request pace: the throttle keeps learning from successes and 429s',
  );
  if (state.tokenRate > 0) parts.push(`and ${rate(state.tokenRate, 'tokens')}`);
  if (state.pausedUntil > now)
    parts.push(`; holds the scope ${seconds(state.pausedUntil - now)} until the reset (a bucket or quota is spent)`);
  return parts.join(' ');
}
