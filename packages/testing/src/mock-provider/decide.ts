import type { Random } from '@staunch/core';
import type { Problem } from '../error-bodies/problem.js';
import type { RateLimiter } from './rate-limiter.js';
import type { ResolvedMockOptions } from './resolve-options.js';

/** What the provider does with one request, decided before any byte is sent. */
export type Verdict =
  | { readonly kind: 'serve'; readonly delayMs: number; readonly streamError: boolean }
  /** `fault`: an injected failure (outage or random); `admitted`: it passed the rate limit and was charged. */
  | { readonly kind: 'refuse'; readonly problem: Problem; readonly fault: boolean; readonly admitted: boolean }
  | { readonly kind: 'reset' };

export interface RequestView {
  readonly method: string;
  readonly path: string;
  readonly key: string;
  readonly bodyText: string;
  readonly model: string | undefined;
  readonly tokens: number;
  /** The `x-poison` header, if any. */
  readonly poison: string | undefined;
}

const CHAT_PATH = '/v1/chat/completions';

/**
 * The provider's rules, in the order a real one applies them: route, poison, model, outage,
 * rate limit, then seeded random faults. Random draws happen in a fixed order for every
 * admitted request, so one seed gives one sequence of answers.
 */
export function decide(
  request: RequestView,
  options: ResolvedMockOptions,
  limiter: RateLimiter,
  random: Random,
  elapsedMs: number,
): Verdict {
  const path = request.path.split('?')[0];
  if (request.method !== 'POST' || path !== CHAT_PATH) {
    return refuse({ kind: 'no-route', method: request.method, path: request.path }, false);
  }
  const poisonStatus = poisonOf(request, options);
  if (poisonStatus !== undefined) return refuse({ kind: 'invalid', status: poisonStatus }, false);
  if (options.models !== undefined && !options.models.has(request.model ?? '')) {
    return refuse({ kind: 'model-not-found', model: request.model ?? '' }, false);
  }
  const outage = options.outages.find((w) => elapsedMs >= w.fromMs && elapsedMs < w.toMs);
  if (outage !== undefined) return refuse({ kind: 'server', status: outage.status }, true);
  const admission = limiter.admit(request.key, request.tokens, elapsedMs);
  if (!admission.granted) {
    const waitMs = Number.isFinite(admission.waitMs) ? admission.waitMs : undefined;
    return refuse({ kind: 'rate-limit', unit: admission.unit, ...(waitMs !== undefined && { waitMs }) }, false);
  }
  const resetDraw = random();
  const errorDraw = random();
  const statusDraw = random();
  const slowDraw = random();
  const streamDraw = random();
  const serviceDraw = random();
  if (resetDraw < options.resetRate) return { kind: 'reset' };
  if (errorDraw < options.errorRate) {
    const statuses = options.errorStatuses;
    const status = statuses[Math.floor(statusDraw * statuses.length)] ?? 500;
    return { kind: 'refuse', problem: { kind: 'server', status }, fault: true, admitted: true };
  }
  const { min, max } = options.serviceTime;
  const service = min + (max - min) * serviceDraw;
  return {
    kind: 'serve',
    delayMs: service + (slowDraw < options.slowRate ? options.slowMs : 0),
    streamError: streamDraw < options.streamErrorRate,
  };
}

function refuse(problem: Problem, fault: boolean): Verdict {
  return { kind: 'refuse', problem, fault, admitted: false };
}

function poisonOf(request: RequestView, options: ResolvedMockOptions): number | undefined {
  const fromHeader = Number(request.poison);
  if (request.poison !== undefined && Number.isInteger(fromHeader) && fromHeader >= 400 && fromHeader <= 499) {
    return fromHeader;
  }
  return options.poisonMarker.length > 0 && request.bodyText.includes(options.poisonMarker)
    ? options.poisonStatus
    : undefined;
}
