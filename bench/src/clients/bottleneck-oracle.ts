import Bottleneck from 'bottleneck';
import { fetchOnce } from './plain-fetch.js';
import { isRetryableStatus, StatusError, statusOfError } from './retryable-status.js';
import { ToldPacer } from './told-pacer.js';
import type { ClientContext, ClientFactory } from './types.js';

const ORACLE_RETRIES = 10;
const ORACLE_BASE_DELAY_MS = 100;
const ORACLE_MAX_DELAY_MS = 2000;
const MS_PER_SECOND = 1000;
/** The provider runs in another process; its wall clock may read a few ms apart from this one's. */
const WINDOW_SKEW_MS = 10;

/** A Bottleneck set up from the server's true limits, and the timers that follow its schedule. */
interface Told {
  readonly limiter: Bottleneck;
  readonly timers: ReturnType<typeof setTimeout>[];
  /** Token buckets: the spacing, applied as each attempt's turn comes (told-pacer.ts). */
  readonly pacer?: ToldPacer;
}

/**
 * The oracle: Bottleneck told the server's true limits and their schedule — for a token bucket
 * each attempt waits its turn of a pacer spacing sends by the rate (Bottleneck's own `minTime`
 * times queued jobs at submission, so a capacity step would reach them late); for a fixed
 * window it holds a reservoir of the window's allowance, refilled on each window boundary of the
 * wall clock (as the server's are); for a concurrency cap it runs `maxConcurrent` at once. Retries go through its `failed` event
 * (the server's `Retry-After` if any, else capped doubling from 100 ms). Nothing learns here; it
 * shows what knowing the limit buys.
 */
export const bottleneckOracle: ClientFactory = (context) => {
  const { limiter, timers, pacer } = toldLimiter(context);
  limiter.on('failed', (error: unknown, info) => {
    if (info.retryCount >= ORACLE_RETRIES || !retryable(error)) return undefined;
    const hinted = error instanceof StatusError ? Number(error.headers.get('retry-after')) * MS_PER_SECOND : 0;
    const backoff = Math.min(ORACLE_MAX_DELAY_MS, ORACLE_BASE_DELAY_MS * 2 ** info.retryCount);
    return Math.max(hinted || 0, backoff * (0.5 + Math.random() / 2));
  });
  return {
    async send(request) {
      try {
        await limiter.schedule(() => attempt(context, request, pacer));
        return { ok: true, status: 200 };
      } catch (error) {
        return { ok: false, status: statusOfError(error) };
      }
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      pacer?.close();
      void limiter.stop({ dropWaitingJobs: true }).catch(() => undefined);
    },
  };
};

function toldLimiter(context: ClientContext): Told {
  const { limiter: facts, share } = context;
  if (facts.kind === 'concurrency') {
    const slots = (k: number | undefined) => Math.max(1, Math.floor((k ?? facts.maxConcurrent) * share));
    const limiter = new Bottleneck({ maxConcurrent: slots(facts.maxConcurrent) });
    const timers = context.capacity.map((step) =>
      setTimeout(() => limiter.updateSettings({ maxConcurrent: slots(step.maxConcurrent) }), step.atMs),
    );
    return { limiter, timers };
  }
  if (facts.kind === 'fixed-window') return windowLimiter(context, facts.windowMs);
  const pacer = new ToldPacer(context.rate * share);
  const timers = context.capacity.map((step) => setTimeout(() => pacer.setRate(step.rate * share), step.atMs));
  return { limiter: new Bottleneck({ maxConcurrent: null }), timers, pacer };
}

/**
 * A reservoir of the window's allowance, set whole again on every wall-clock boundary. A
 * capacity step changes the allowance at once and keeps this window's count, as the server does.
 */
function windowLimiter(context: ClientContext, windowMs: number): Told {
  let allowance = allowanceOf(context.rate, windowMs, context.share);
  const limiter = new Bottleneck({ reservoir: allowance, maxConcurrent: null });
  const timers: ReturnType<typeof setTimeout>[] = [];
  const refillAtNextBoundary = () => {
    const delay = windowMs - (Date.now() % windowMs) + WINDOW_SKEW_MS;
    timers[0] = setTimeout(() => {
      void limiter.updateSettings({ reservoir: allowance });
      refillAtNextBoundary();
    }, delay);
  };
  refillAtNextBoundary();
  for (const step of context.capacity) {
    timers.push(
      setTimeout(async () => {
        const left = (await limiter.currentReservoir()) ?? 0;
        const next = allowanceOf(step.rate, windowMs, context.share);
        void limiter.updateSettings({ reservoir: Math.max(0, next - (allowance - left)) });
        allowance = next;
      }, step.atMs),
    );
  }
  return { limiter, timers };
}

async function attempt(
  context: ClientContext,
  request: Parameters<typeof fetchOnce>[1],
  pacer: ToldPacer | undefined,
): Promise<void> {
  await pacer?.turn();
  if (request.signal.aborted) throw request.signal.reason;
  const response = await fetchOnce(context, request);
  if (!response.ok) throw new StatusError(response);
}

function retryable(error: unknown): boolean {
  if (error instanceof StatusError) return isRetryableStatus(error.status);
  return error instanceof TypeError;
}

/** Requests one window grants this process, as the server rounds them (down). */
function allowanceOf(rate: number, windowMs: number, share: number): number {
  return Math.floor(((rate * windowMs) / MS_PER_SECOND) * share + 1e-9);
}
