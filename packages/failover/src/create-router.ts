import {
  AbortedError,
  type AttemptFunction,
  type CallResult,
  createEmitter,
  type Engine,
  type Event,
  type RequestInfo,
  type ThrottleCost,
} from '@staunch/core';
import type { BreakerState } from './breaker/breaker.js';
import { allFailed, interrupted } from './chain/chain-results.js';
import { chainSignal } from './chain/chain-signal.js';
import { type Destination, destinationFor } from './chain/destination.js';
import { awaitFirstAnswer, openFirstAnswer } from './chain/first-answer.js';
import { firstServed, type Leg } from './chain/first-served.js';
import { delayUnlessSettled, HEDGE_LOST, hedgeDelay } from './chain/hedge.js';
import { type Verdict, verdictOf } from './chain/move-on.js';
import { restOf } from './chain/rebase-url.js';
import { type Chain, type RouterOptions, resolveChain, type Slot, type Target } from './chain/resolve-chain.js';
import { viewBody } from './chain/rewrite-model.js';
import { chainFrom, nextTarget, slotsByHeadroom } from './chain/route-order.js';
import { outcomeOf, type Permits, settleBreakers, skippedOutcome } from './chain/settle-breakers.js';
import { type EngineEvents, mergeEngineEvents } from './engine-events.js';
import { attachRoute, type RouteReport, type TargetOutcome } from './route-report.js';
import { createRouteTelemetry, type RouteTelemetry } from './route-telemetry.js';

/** The request as the adapter prepared it. */
export interface RouteRequest {
  readonly url: string;
  readonly headers: Headers;
  /** The body as text, when it is text (a JSON body's model is rewritten per target). */
  readonly body: string | undefined;
  /** False for a body that cannot be sent twice: the call then stays at its first target. */
  readonly replayable: boolean;
}

export interface RouteCallOptions {
  readonly signal?: AbortSignal | undefined;
  readonly cost?: ThrottleCost | undefined;
  readonly request?: RequestInfo | undefined;
}

/** The routing layer: adapters hand it a request and an attempt function per destination. */
export interface Router extends EngineEvents {
  /** Each target's engine, in the order of `targets`. */
  readonly engines: readonly Engine[];
  /** True when `url` starts with a target's `baseURL`: the call enters the chain there. */
  matches(url: string): boolean;
  /** Runs the call along the chain; never throws; the result's value carries its route (`routeOf`). */
  execute<T>(
    request: RouteRequest,
    run: (destination: Destination) => AttemptFunction<T>,
    options?: RouteCallOptions,
  ): Promise<CallResult<T>>;
  /** Every routed call's report, once it settles. */
  readonly onRoute: Event<RouteReport>;
  /** A target's breaker state, or one of its keys'. */
  breakerState(target: string, key?: number): BreakerState;
  /** Which target and key each engine call went to, each routed call's end, and the breakers' states. */
  readonly telemetry: RouteTelemetry;
}

/** Builds the chain (one engine and breaker per target, one breaker per key, a shared throttle). */
export function createRouter(options: RouterOptions): Router {
  const chain = resolveChain(options);
  const route = createEmitter<RouteReport>();
  const telemetry = createRouteTelemetry(chain.targets);
  const entryOf = (url: string): { target: Target; rest: string } | undefined => {
    let best: { target: Target; rest: string } | undefined;
    for (const target of chain.targets) {
      const rest = restOf(url, target.baseURL);
      if (rest !== undefined && (best === undefined || target.baseURL.length > best.target.baseURL.length))
        best = { target, rest };
    }
    return best;
  };
  return {
    ...mergeEngineEvents(chain.targets.map((t) => t.engine)),
    engines: chain.targets.map((t) => t.engine),
    matches: (url) => entryOf(url) !== undefined,
    onRoute: route.event,
    telemetry,
    breakerState(name, key) {
      const target = chain.targets.find((t) => t.name === name);
      if (target === undefined) throw new RangeError(`No target is named ${JSON.stringify(name)}.`);
      return key === undefined ? target.breaker.state : (target.slots[key]?.breaker.state ?? 'closed');
    },
    async execute(request, run, call = {}) {
      const entry = entryOf(request.url);
      if (entry === undefined)
        throw new RangeError(`${request.url} matches no target's baseURL: send it without the router.`);
      const token = {};
      const tag = (info: RequestInfo, target: Target, slot: Slot) =>
        telemetry.tag(info, { route: token, target: target.name, key: slot.index });
      const result = await runChain(chain, entry, request, run, call, tag);
      attachRoute(result.value, result.report);
      route.emit(result.report);
      telemetry.end(token, result.report);
      return result.result;
    },
  };
}

async function runChain<T>(
  chain: Chain,
  entry: { target: Target; rest: string },
  request: RouteRequest,
  run: (destination: Destination) => AttemptFunction<T>,
  call: RouteCallOptions,
  tag: (request: RequestInfo, target: Target, slot: Slot) => RequestInfo,
): Promise<{ result: CallResult<T>; value: unknown; report: RouteReport }> {
  const { clock, throttle } = chain;
  const started = clock.now();
  const signal = chainSignal(clock, call.signal, chain.timeoutMs);
  const body = viewBody(request.body);
  const shaped = { headers: request.headers, rest: entry.rest, body };
  const remaining = chainFrom(chain.targets, entry.target);
  const scopeOf = (target: Target, slot: Slot) => destinationFor(target, slot, shaped, target === entry.target).scope;
  const outcomes: TargetOutcome[] = [];
  let attempts = 0;
  let last: Extract<CallResult<T>, { ok: false }> | undefined;
  const finish = (result: CallResult<T>, served?: TargetOutcome) => {
    const elapsedMs = clock.now() - started;
    const settled = { ...result, attempts, elapsedMs } as CallResult<T>;
    const report: RouteReport = Object.freeze({
      ok: result.ok,
      target: served?.target,
      key: served?.key,
      attempts,
      elapsedMs,
      outcomes: Object.freeze([...outcomes]),
    });
    return { result: settled, value: result.ok || result.hasValue ? result.value : undefined, report };
  };
  /** One target's part of the call: its engine's attempts, then its breakers told and its outcome noted. */
  const startLeg = (target: Target, slot: Slot, permits: Permits): Leg<T> => {
    const own = chain.hedge === undefined ? undefined : new AbortController();
    const legSignal = own === undefined ? signal.signal : AbortSignal.any([signal.signal, own.signal]);
    const destination = destinationFor(target, slot, shaped, target === entry.target);
    const vouch = slot.proven ? undefined : openFirstAnswer(slot);
    const legStart = clock.now();
    slot.inflight += 1;
    const execution = target.engine.execute(run(destination), {
      signal: legSignal,
      scope: destination.scope,
      cost: call.cost,
      replayable: request.replayable,
      policy: hasAlternative(remaining, target, slot) ? target.onward : undefined,
      request: tag(
        { method: call.request?.method ?? 'POST', url: destination.url, model: destination.model },
        target,
        slot,
      ),
    });
    const done = execution.then((result) => {
      slot.inflight -= 1;
      attempts += result.attempts;
      const lost = own?.signal.aborted === true && !signal.signal.aborted;
      const verdict: Verdict = lost ? { kind: 'stop' } : verdictOf(result, signal.signal.aborted);
      if (result.ok || lost) target.latency.add(clock.now() - legStart);
      settleBreakers(target, slot, permits, verdict, result, clock.wallNow(), clock.now());
      vouch?.();
      const outcome = outcomeOf(target, slot, result);
      if (result.attempts > 0 && !lost) outcomes.push(outcome);
      return { result, verdict, outcome };
    });
    return { done, abort: () => own?.abort(HEDGE_LOST) };
  };
  /** Opt-in hedging: once `delayMs` pass without an answer, one extra leg at the next healthy target, within budget. */
  const startHedge = async (main: Leg<T>, first: Target): Promise<Leg<T> | undefined> => {
    const hedge = chain.hedge;
    const delayMs = hedge === undefined ? undefined : hedgeDelay(hedge.delayMs, first.latency);
    if (hedge === undefined || delayMs === undefined) return undefined;
    if (!(await delayUnlessSettled(clock, delayMs, main.done, signal.signal))) return undefined;
    const candidate = nextTarget(remaining, throttle, scopeOf, clock.now());
    const slot = candidate?.slots.find((s) => s.breaker.state === 'closed' && s.firstAnswer === undefined);
    if (candidate === undefined || slot === undefined || candidate.breaker.state !== 'closed' || !hedge.budget.take()) {
      return undefined;
    }
    const targetPermit = candidate.breaker.tryAcquire();
    const slotPermit = slot.breaker.tryAcquire();
    if (targetPermit === undefined || slotPermit === undefined) return undefined;
    remaining.splice(remaining.indexOf(candidate), 1);
    return startLeg(candidate, slot, { target: targetPermit, slot: slotPermit });
  };
  chain.hedge?.budget.call();
  try {
    for (
      let target = nextTarget(remaining, throttle, scopeOf, clock.now());
      target !== undefined;
      target = nextTarget(remaining, throttle, scopeOf, clock.now())
    ) {
      remaining.splice(remaining.indexOf(target), 1);
      const targetPermit = target.breaker.tryAcquire();
      if (targetPermit === undefined) {
        outcomes.push(skippedOutcome(target, undefined, target.breaker.cause));
        continue;
      }
      let targetSettled = false;
      for (const slot of slotsByHeadroom(target, throttle, scopeOf, clock.now())) {
        if (signal.signal.aborted) break;
        // Checked without a yield: the first of a burst must open the gate before the next looks.
        if (!slot.proven && slot.firstAnswer !== undefined) await awaitFirstAnswer(slot, signal.signal);
        const slotPermit = slot.breaker.tryAcquire();
        if (slotPermit === undefined) {
          outcomes.push(skippedOutcome(target, slot, slot.breaker.cause));
          continue;
        }
        targetSettled = true;
        const main = startLeg(target, slot, { target: targetPermit, slot: slotPermit });
        const hedge = chain.hedge === undefined || !request.replayable ? undefined : await startHedge(main, target);
        const { result, verdict, outcome } = hedge === undefined ? await main.done : await firstServed(main, hedge);
        if (verdict.kind === 'served') return finish(result, outcome);
        if (result.ok) return finish(result);
        if (signal.signal.aborted)
          return finish(interrupted(result, signal.signal.reason, attempts, clock.now() - started));
        if (verdict.kind === 'stop' || !request.replayable) return finish(result);
        last = result;
        if (verdict.on === 'target') break;
      }
      if (!targetSettled) target.breaker.release(targetPermit);
      if (signal.signal.aborted) break;
    }
    if (signal.signal.aborted) {
      const base = last ?? {
        ok: false as const,
        value: undefined,
        hasValue: false,
        attempts: 0,
        elapsedMs: 0,
        error: new AbortedError({}),
      };
      return finish(interrupted(base, signal.signal.reason, attempts, clock.now() - started));
    }
    return finish(allFailed(outcomes, last, attempts, clock.now() - started));
  } finally {
    signal.dispose();
  }
}

function hasAlternative(remaining: readonly Target[], target: Target, slot: Slot): boolean {
  const otherSlot = target.slots.some((s) => s !== slot && s.breaker.state !== 'open');
  return otherSlot || remaining.some((t) => t.breaker.state !== 'open');
}
