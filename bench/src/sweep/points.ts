import { requestFacts } from '@staunch/core';
import type { HintStyle, LimiterKind } from '@staunch/testing';
import { plannedRequests } from '../runner/planned-requests.js';
import { type ServerSetup, UNLIMITED_RATE } from '../scenarios/scenario.js';
import { dialectServer, ORACLE, RAW_FETCH, subjects } from './dialects.js';
import type { ScheduleKind, SweepAxes, SweepContender, SweepForm, SweepGroup, SweepPoint } from './sweep-point.js';

export const SWEEP_RATES = [2, 8, 25, 120, 400] as const;
export const SWEEP_BURSTS: readonly (number | 'rate')[] = [1, 5, 20, 'rate'];
/** Dialects beyond the core grid's two (`retry-after` seconds and no hint). */
export const OTHER_HINTS: readonly HintStyle[] = [
  'retry-after-date',
  'retry-after-ms',
  'openai',
  'together',
  'anthropic',
  'groq',
  'gateway-empty',
];
const CORE_HINTS: readonly HintStyle[] = ['retry-after', 'none'];
const MID_RATES = [8, 25, 120];
const SCHEDULE_RATES = [25, 120];
const MID_BURST = 5;
/** The arena's service time (its BASE) and concurrency. */
const SERVICE_MS = { min: 10, max: 30 };
const CONCURRENCY = 32;
const SHORT_REQUESTS = 20;
const LONG_REQUESTS = 5000;
const UNLIMITED_REQUESTS = { full: 3000, quick: 1500 };
/** Rounds of the unlimited point per run, in alternating order (run-scenario.ts); each client keeps its median. */
const OVERHEAD_ROUNDS = 5;
/** Two runs at 400 req/s at once saturate a 2-core machine (the provider host answers both): such points run alone. */
const ALONE_FROM_RATE = 400;
/** Seconds of server time a point is sized for, and the cap on its requests. */
const RUN_SECONDS = { full: 8, quick: 3 };
const MAX_REQUESTS = { full: 2400, quick: 1200 };
const MIN_REQUESTS = 20;
/** Real per-minute windows in the full form; the quick form scales them down to 5 s and says so. */
export const WINDOW_MS = { full: 60_000, quick: 5_000 };
/** A fixed-window run asks for 1.5 windows' allowance: one whole window, then part of the next. */
const WINDOWS_PER_RUN = 1.5;
const OUTAGE = { fromMs: 1000, toMs: 4000, status: 503 };
const DROP = { atMs: 3000, factor: 0.4 };
const RISE = { atMs: 4000, factor: 3 };
const MS_PER_SECOND = 1000;
/** The rise is judged on the 2 s after it, so a rise point keeps sending longer than that. */
const RISE_WINDOW_S = 2;

/** Every point of the sweep. The quick form keeps one of each kind of point, so every axis still shows. */
export function sweepPoints(form: SweepForm): SweepPoint[] {
  const quick = form === 'quick';
  const tokens = requestFacts(plannedRequests({}, 1, LONG_REQUESTS)[0]?.body).cost.tokens;
  const build = new PointBuilder(form, tokens);
  const points: SweepPoint[] = [];
  // Core grid: rate × burst, for Retry-After seconds and for no hint. Quick: one burst per rate.
  const corePairs = quick
    ? ([
        [2, 'rate'],
        [8, 1],
        [25, 5],
        [120, 20],
        [400, 5],
      ] as const)
    : SWEEP_RATES.flatMap((rate) => SWEEP_BURSTS.map((burst) => [rate, burst] as const));
  for (const hint of CORE_HINTS) {
    // Quick: no hint only where the learner has room to work (25 and 120 req/s).
    const pairs = quick && hint === 'none' ? corePairs.filter(([rate]) => rate === 25 || rate === 120) : corePairs;
    for (const [rate, burst] of pairs) points.push(build.steady('core', rate, burst, hint));
  }
  const midRates = quick ? [25] : MID_RATES;
  for (const hint of OTHER_HINTS) for (const rate of midRates) points.push(build.steady('hint', rate, MID_BURST, hint));
  for (const rate of midRates) {
    points.push(build.fixedWindow(rate, 'retry-after'), build.concurrency(rate, 'retry-after'));
  }
  if (!quick) points.push(build.fixedWindow(25, 'openai'), build.concurrency(25, 'openai'));
  for (const rate of quick ? [25] : SCHEDULE_RATES) {
    for (const schedule of ['drop', 'rise', 'outage'] as const) points.push(build.scheduled(schedule, rate));
  }
  for (const rate of midRates) points.push(build.sized('short', rate, SHORT_REQUESTS));
  if (!quick) for (const rate of [120, 400]) points.push(build.sized('long', rate, LONG_REQUESTS));
  points.push(build.unlimited());
  return points;
}

interface Spec {
  readonly id: string;
  readonly group: SweepGroup;
  readonly axes: SweepAxes;
  readonly server: ServerSetup;
  /** Server time the run needs at the true limit; the timeout is three times it plus 15 s. */
  readonly expectedMs: number;
  readonly contenders?: readonly SweepContender[];
  readonly alignToWindowMs?: number;
  readonly medianOfRounds?: number;
}

class PointBuilder {
  readonly #form: SweepForm;
  readonly #tokens: number;

  constructor(form: SweepForm, tokensPerRequest: number) {
    this.#form = form;
    this.#tokens = tokensPerRequest;
  }

  steady(group: SweepGroup, rate: number, burst: number | 'rate', hint: HintStyle): SweepPoint {
    const size = burst === 'rate' ? rate : burst;
    const requests = clamp(Math.round(size + rate * RUN_SECONDS[this.#form]), MIN_REQUESTS, MAX_REQUESTS[this.#form]);
    const id = group === 'core' ? `core r${rate} b${burst} ${hint}` : `hint r${rate} ${hint}`;
    return this.#point({
      id,
      group,
      axes: axes(rate, burst, hint, requests),
      server: this.#server(rate, size, hint),
      expectedMs: (Math.max(0, requests - size) / rate) * MS_PER_SECOND,
    });
  }

  /** Requests per window = rate × window; runs start on a boundary and ask for 1.5 windows' worth. */
  fixedWindow(rate: number, hint: HintStyle): SweepPoint {
    const windowMs = WINDOW_MS[this.#form];
    const requests = Math.ceil(((rate * windowMs) / MS_PER_SECOND) * WINDOWS_PER_RUN);
    return this.#point({
      id: `fixed-window r${rate} ${hint}`,
      group: 'limiter',
      axes: { ...axes(rate, MID_BURST, hint, requests), limiter: 'fixed-window' },
      server: { ...this.#server(rate, MID_BURST, hint), limiter: 'fixed-window', windowMs },
      expectedMs: windowMs * WINDOWS_PER_RUN,
      alignToWindowMs: windowMs,
    });
  }

  /** A cap of `slots` in flight with a service time that makes slots ÷ service = the nominal rate. */
  concurrency(rate: number, hint: HintStyle): SweepPoint {
    const slots = Math.max(2, Math.round(rate / 10));
    const serviceMs = (slots * MS_PER_SECOND) / rate;
    const requests = clamp(Math.round(rate * RUN_SECONDS[this.#form]), MIN_REQUESTS, MAX_REQUESTS[this.#form]);
    const limiter: LimiterKind = 'concurrency';
    return this.#point({
      id: `concurrency r${rate} ${hint}`,
      group: 'limiter',
      axes: { ...axes(rate, slots, hint, requests), limiter },
      server: {
        ...this.#server(rate, slots, hint),
        limiter,
        maxConcurrent: slots,
        serviceTimeMs: { min: serviceMs * 0.8, max: serviceMs * 1.2 },
      },
      expectedMs: (requests / rate) * MS_PER_SECOND,
    });
  }

  scheduled(schedule: Exclude<ScheduleKind, 'steady'>, rate: number): SweepPoint {
    const base = this.#server(rate, MID_BURST, 'retry-after');
    const seconds = RUN_SECONDS[this.#form];
    const plans = {
      drop: { server: { capacity: [{ atMs: DROP.atMs, rate: rate * DROP.factor, burst: MID_BURST }] }, after: DROP },
      rise: { server: { capacity: [{ atMs: RISE.atMs, rate: rate * RISE.factor, burst: MID_BURST }] }, after: RISE },
      outage: { server: { outages: [OUTAGE] }, after: { atMs: OUTAGE.toMs, factor: 1 } },
    };
    const plan = plans[schedule];
    // Full rate until the change, then half the run (at least 3 s) at the new rate; an outage's run is `seconds` after it.
    const beforeS = plan.after.atMs / MS_PER_SECOND;
    const afterS =
      schedule === 'outage' ? seconds - OUTAGE.fromMs / MS_PER_SECOND : Math.max(RISE_WINDOW_S + 1, seconds / 2);
    const requests = Math.round(
      rate * (schedule === 'outage' ? OUTAGE.fromMs / MS_PER_SECOND : beforeS) + rate * plan.after.factor * afterS,
    );
    return this.#point({
      id: `${schedule} r${rate}`,
      group: 'schedule',
      axes: { ...axes(rate, MID_BURST, 'retry-after', requests), schedule },
      server: { ...base, ...plan.server },
      expectedMs: (beforeS + afterS) * MS_PER_SECOND,
    });
  }

  sized(group: 'short' | 'long', rate: number, requests: number): SweepPoint {
    return this.#point({
      id: `${group} r${rate}`,
      group,
      axes: axes(rate, MID_BURST, 'retry-after', requests),
      server: this.#server(rate, MID_BURST, 'retry-after'),
      expectedMs: (requests / rate) * MS_PER_SECOND,
    });
  }

  unlimited(): SweepPoint {
    const requests = UNLIMITED_REQUESTS[this.#form];
    return this.#point({
      id: 'unlimited',
      group: 'unlimited',
      axes: axes(UNLIMITED_RATE, UNLIMITED_RATE, 'retry-after', requests),
      server: this.#server(UNLIMITED_RATE, UNLIMITED_RATE, 'retry-after'),
      expectedMs: 5000,
      contenders: [RAW_FETCH, ...subjects('retry-after')],
      medianOfRounds: OVERHEAD_ROUNDS,
    });
  }

  #server(rate: number, burst: number, hint: HintStyle): ServerSetup {
    return { rate, burst, serviceTimeMs: SERVICE_MS, ...dialectServer(hint, rate, this.#tokens) };
  }

  #point(spec: Spec): SweepPoint {
    return {
      id: spec.id,
      group: spec.group,
      axes: spec.axes,
      scenario: {
        id: spec.id,
        title: spec.id,
        server: spec.server,
        requests: spec.axes.requests,
        concurrency: CONCURRENCY,
        timeoutMs: Math.round(spec.expectedMs * 3 + 15_000),
        quick: false,
      },
      contenders: spec.contenders ?? [...subjects(spec.axes.hint), ORACLE],
      ...(spec.alignToWindowMs !== undefined && { alignToWindowMs: spec.alignToWindowMs }),
      ...(spec.axes.rate >= ALONE_FROM_RATE && spec.medianOfRounds === undefined && { alone: true }),
      ...(spec.medianOfRounds !== undefined && { medianOfRounds: spec.medianOfRounds }),
    };
  }
}

function axes(rate: number, burst: number | 'rate', hint: HintStyle, requests: number): SweepAxes {
  return { rate, burst, hint, limiter: 'token-bucket', schedule: 'steady', requests };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
