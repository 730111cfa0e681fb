import type { PolicyInput } from '@staunch/core';
import type { FaultStep } from '@staunch/testing';
import type { Outcome } from './outcome.js';

/** One row of the table: what the server does, what the caller does, and how every adapter must end. */
export interface Scenario {
  readonly name: string;
  readonly policy: PolicyInput;
  readonly steps: FaultStep[];
  readonly body?: 'none' | 'json' | 'stream';
  /** Abort once this many requests have arrived (the call is then waiting). */
  readonly abortAfterArrivals?: number;
  readonly arrivals: number;
  readonly outcome: Outcome;
  /** The least gap between the first two arrivals, when the scenario is about a server wait. */
  readonly minGapMs?: number;
  /** Every arrival carried the same body bytes. */
  readonly sameBody?: boolean;
}

// Short waits keep the suite fast: a tiny backoff, and `retry-after-ms: 1` on retried statuses.
// 4AllAPI's 429/504/524 rules set baseMs 2000, so its cap cannot go below that (a ConfigError).
const together: PolicyInput = { extends: 'together', backoff: { baseMs: 1, capMs: 5 } };
const fourAll: PolicyInput = { extends: '4allapi', backoff: { baseMs: 1, capMs: 2000 } };
const base: PolicyInput = { extends: 'default', backoff: { baseMs: 1, capMs: 5 } };
const soon = { 'retry-after-ms': '1' };
const ok: Outcome = { ok: true, status: 200 };

function failFast(preset: string, policy: PolicyInput, status: number, reason: string, code?: string): Scenario {
  const body = JSON.stringify({ error: { message: `seed ${status}`, ...(code === undefined ? {} : { code }) } });
  return {
    name: `${preset} ${status}${code === undefined ? '' : `:${code}`} fails fast`,
    policy,
    steps: [{ status, body }, { status: 200 }],
    arrivals: 1,
    outcome: { ok: false, error: 'StaunchHttpError', status, reason },
  };
}

function retried(preset: string, policy: PolicyInput, status: number): Scenario {
  return {
    name: `${preset} ${status} is retried`,
    policy,
    steps: [{ status, headers: soon }, { status: 200 }],
    body: 'json',
    arrivals: 2,
    outcome: ok,
  };
}

function exhausted(preset: string, policy: PolicyInput, status: number, arrivals: number, reason: string): Scenario {
  return {
    name: `${preset} ${status} gives up after ${arrivals} attempts`,
    policy,
    steps: [{ status, headers: soon }],
    arrivals,
    outcome: { ok: false, error: 'StaunchRetriesExhaustedError', status, reason },
  };
}

const TOGETHER: Scenario[] = [
  failFast('together', together, 400, 'invalid-request'),
  failFast('together', together, 401, 'auth'),
  failFast('together', together, 402, 'billing'),
  failFast('together', together, 403, 'context-length'),
  failFast('together', together, 404, 'not-found'),
  retried('together', together, 429),
  retried('together', together, 500),
  retried('together', together, 503),
  exhausted('together', together, 503, 5, 'overloaded'),
];

const FOUR_ALL_API: Scenario[] = [
  failFast('4allapi', fourAll, 400, 'invalid-request'),
  failFast('4allapi', fourAll, 401, 'auth'),
  failFast('4allapi', fourAll, 403, 'quota'),
  failFast('4allapi', fourAll, 404, 'not-found'),
  failFast('4allapi', fourAll, 413, 'too-large'),
  failFast('4allapi', fourAll, 503, 'model-not-found', 'model_not_found'),
  retried('4allapi', fourAll, 429),
  retried('4allapi', fourAll, 500),
  retried('4allapi', fourAll, 503),
  retried('4allapi', fourAll, 504),
  retried('4allapi', fourAll, 524),
  exhausted('4allapi', fourAll, 500, 3, 'server-error'),
  exhausted('4allapi', fourAll, 504, 2, 'gateway-timeout'),
  exhausted('4allapi', fourAll, 524, 2, 'gateway-timeout'),
];

/** An HTTP-date a little over a second ahead, whole seconds as the format allows. */
function dateAhead(): string {
  return new Date(Math.ceil((Date.now() + 1500) / 1000) * 1000).toUTCString();
}

const TRANSPORT: Scenario[] = [
  {
    name: 'Retry-After in seconds is waited out',
    policy: base,
    steps: [{ status: 429, headers: { 'retry-after': '1' } }, { status: 200 }],
    arrivals: 2,
    outcome: ok,
    minGapMs: 900,
  },
  {
    name: 'Retry-After as an HTTP-date is waited out',
    policy: base,
    get steps(): FaultStep[] {
      return [{ status: 503, headers: { 'retry-after': dateAhead() } }, { status: 200 }];
    },
    arrivals: 2,
    outcome: ok,
    minGapMs: 400,
  },
  {
    name: 'retry-after-ms is waited out',
    policy: base,
    steps: [{ status: 429, headers: { 'retry-after-ms': '300' } }, { status: 200 }],
    arrivals: 2,
    outcome: ok,
    minGapMs: 250,
  },
  {
    name: 'a wait past maxRetryAfterMs fails fast with retryAt',
    policy: base,
    steps: [{ status: 429, headers: { 'retry-after': '120' } }],
    arrivals: 1,
    outcome: { ok: false, error: 'StaunchRetryAfterTooLongError', status: 429, reason: 'rate-limit' },
  },
  {
    name: 'a connection reset is retried',
    policy: base,
    steps: [{ fault: 'reset-before-headers' }, { status: 200 }],
    arrivals: 2,
    outcome: ok,
  },
  {
    name: 'connection resets exhaust the attempts',
    policy: { ...base, maxAttempts: 3 },
    steps: [{ fault: 'reset-before-headers' }],
    arrivals: 3,
    outcome: { ok: false, error: 'StaunchRetriesExhaustedError', reason: 'network' },
  },
  {
    name: 'an attempt past attemptTimeoutMs is cut and retried',
    policy: { ...base, attemptTimeoutMs: 500 },
    steps: [{ fault: 'hang' }, { status: 200 }],
    arrivals: 2,
    outcome: ok,
  },
  {
    name: 'the total deadline ends a hanging call',
    policy: { ...base, timeoutMs: 250 },
    steps: [{ fault: 'hang' }],
    arrivals: 1,
    outcome: { ok: false, error: 'StaunchDeadlineError' },
  },
  {
    name: 'an abort during a server-requested wait ends the call',
    policy: base,
    steps: [{ status: 429, headers: { 'retry-after': '30' } }],
    abortAfterArrivals: 1,
    arrivals: 1,
    outcome: { ok: false, error: 'StaunchAbortedError' },
  },
  {
    name: 'a replayable body is re-sent byte for byte',
    policy: base,
    steps: [{ status: 503, headers: soon }, { status: 503, headers: soon }, { status: 200 }],
    body: 'json',
    arrivals: 3,
    outcome: ok,
    sameBody: true,
  },
  {
    name: 'a streamed body is sent once',
    policy: base,
    steps: [{ status: 503, headers: soon }, { status: 200 }],
    body: 'stream',
    arrivals: 1,
    outcome: { ok: false, error: 'StaunchRetriesExhaustedError', status: 503, reason: 'overloaded' },
  },
];

export const SCENARIOS: readonly Scenario[] = [...TOGETHER, ...FOUR_ALL_API, ...TRANSPORT];
