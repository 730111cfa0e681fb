import { parseArgs } from 'node:util';
import type { ErrorStyle } from './error-bodies/problem.js';
import type { CapacityStep, HintStyle, LimiterKind, MockProviderOptions, OutageWindow } from './mock-provider/types.js';

export const USAGE = `Usage: staunch-mock [options]
  --port <n>                 port on 127.0.0.1 (default: a free one)
  --rate <n>                 requests per second per key (default 10)
  --burst <n>                request bucket size (default: rate)
  --tokens-per-second <n>    token rate per key (default: unlimited)
  --token-burst <n>          token bucket size (default: tokens-per-second)
  --limiter <kind>           token-bucket | fixed-window | concurrency (default token-bucket)
  --window-ms <n>            fixed-window length, aligned to the wall clock (default 60000)
  --max-concurrent <n>       requests in flight at once (with --limiter concurrency)
  --requests-per-day <n>     a daily request quota (default: none; 14400 with --hint groq)
  --hint <style>             retry-after | retry-after-date | retry-after-ms | openai | openai-ms | together |
                             anthropic | groq | gateway-empty | none
  --reset-meaning <m>        next | full (default next)
  --headers-on-success       send rate-limit headers on 200s too
  --errors <style>           openai | together | gateway | anthropic (default openai)
  --service-ms <a[-b]>       service time, fixed or uniform in [a, b] (default 0)
  --seed <n>                 seed for faults and service times (default 1)
  --error-rate <p>           probability of a transient 5xx (500/503/504/524)
  --reset-rate <p>           probability of a socket reset
  --slow-rate <p>            probability of a slow answer; --slow-ms <n> how slow (default 2000)
  --stream-error-rate <p>    probability of an in-band stream error
  --outage <from-to[:status]>  all requests fail in this window (ms after start); repeatable
  --capacity <at:rate[:burst]> change capacity at this time (ms after start); repeatable
  --models <a,b>             known models; others get "model not found"
  --duration-ms <n>          stop by itself after this long
  --help`;

export interface CliConfig {
  readonly options: MockProviderOptions;
  readonly durationMs: number | undefined;
  readonly help: boolean;
}

/** Turns command-line arguments into provider options; a bad value throws with the flag's name. */
export function parseCliArgs(argv: readonly string[]): CliConfig {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      port: { type: 'string' },
      rate: { type: 'string' },
      burst: { type: 'string' },
      'tokens-per-second': { type: 'string' },
      'token-burst': { type: 'string' },
      limiter: { type: 'string' },
      'window-ms': { type: 'string' },
      'max-concurrent': { type: 'string' },
      'requests-per-day': { type: 'string' },
      hint: { type: 'string' },
      'reset-meaning': { type: 'string' },
      'headers-on-success': { type: 'boolean' },
      errors: { type: 'string' },
      'service-ms': { type: 'string' },
      seed: { type: 'string' },
      'error-rate': { type: 'string' },
      'reset-rate': { type: 'string' },
      'slow-rate': { type: 'string' },
      'slow-ms': { type: 'string' },
      'stream-error-rate': { type: 'string' },
      outage: { type: 'string', multiple: true },
      capacity: { type: 'string', multiple: true },
      models: { type: 'string' },
      'duration-ms': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const num = (flag: string, text: string | undefined) => (text === undefined ? undefined : toNumber(flag, text));
  const options: MockProviderOptions = {};
  // Only set what was given, so the provider's documented defaults apply to the rest.
  const set = <K extends keyof MockProviderOptions>(key: K, value: MockProviderOptions[K] | undefined) => {
    if (value !== undefined) options[key] = value;
  };
  set('port', num('--port', values.port));
  set('rate', num('--rate', values.rate));
  set('burst', num('--burst', values.burst));
  set('tokensPerSecond', num('--tokens-per-second', values['tokens-per-second']));
  set('tokenBurst', num('--token-burst', values['token-burst']));
  set('limiter', values.limiter as LimiterKind | undefined);
  set('windowMs', num('--window-ms', values['window-ms']));
  set('maxConcurrent', num('--max-concurrent', values['max-concurrent']));
  set('requestsPerDay', num('--requests-per-day', values['requests-per-day']));
  set('hint', values.hint as HintStyle | undefined);
  set('resetMeaning', values['reset-meaning'] as 'next' | 'full' | undefined);
  set('headersOnSuccess', values['headers-on-success']);
  set('errorStyle', values.errors as ErrorStyle | undefined);
  set('serviceTimeMs', values['service-ms'] === undefined ? undefined : range('--service-ms', values['service-ms']));
  set('seed', num('--seed', values.seed));
  const faults = {
    errorRate: num('--error-rate', values['error-rate']),
    resetRate: num('--reset-rate', values['reset-rate']),
    slowRate: num('--slow-rate', values['slow-rate']),
    slowMs: num('--slow-ms', values['slow-ms']),
    streamErrorRate: num('--stream-error-rate', values['stream-error-rate']),
  };
  set('faults', Object.fromEntries(Object.entries(faults).filter(([, v]) => v !== undefined)));
  set('outages', values.outage?.map(outage));
  set('capacity', values.capacity?.map(capacity));
  set(
    'models',
    values.models?.split(',').filter((m) => m.length > 0),
  );
  return { options, durationMs: num('--duration-ms', values['duration-ms']), help: values.help ?? false };
}

function toNumber(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new Error(`${flag}: expected a number, got '${text}'`);
  return value;
}

function range(flag: string, text: string): number | { min: number; max: number } {
  const [min, max] = text.split('-');
  if (max === undefined) return toNumber(flag, text);
  return { min: toNumber(flag, min ?? ''), max: toNumber(flag, max) };
}

function outage(text: string): OutageWindow {
  const [span = '', status] = text.split(':');
  const [from = '', to = ''] = span.split('-');
  const window: OutageWindow = { fromMs: toNumber('--outage', from), toMs: toNumber('--outage', to) };
  if (status !== undefined) window.status = toNumber('--outage', status);
  return window;
}

function capacity(text: string): CapacityStep {
  const [at = '', rate = '', burst] = text.split(':');
  const step: CapacityStep = { atMs: toNumber('--capacity', at), rate: toNumber('--capacity', rate) };
  if (burst !== undefined) step.burst = toNumber('--capacity', burst);
  return step;
}
