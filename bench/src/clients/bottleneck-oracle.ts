import Bottleneck from 'bottleneck';
import { fetchOnce } from './plain-fetch.js';
import { isRetryableStatus, StatusError, statusOfError } from './retryable-status.js';
import type { ClientContext, ClientFactory } from './types.js';

const ORACLE_RETRIES = 10;
const ORACLE_BASE_DELAY_MS = 100;
const ORACLE_MAX_DELAY_MS = 2000;
const MS_PER_SECOND = 1000;

/**
 * The oracle: Bottleneck told the server's true rate (and its schedule), spacing sends by
 * `minTime`, with retries through its `failed` event (the server's `Retry-After` if any, else
 * capped doubling from 100 ms). Nothing learns here; it shows what knowing the limit buys.
 */
export const bottleneckOracle: ClientFactory = (context) => {
  const limiter = new Bottleneck({ minTime: minTimeFor(context.rate, context.share), maxConcurrent: null });
  const steps = context.capacity.map((step) =>
    setTimeout(() => limiter.updateSettings({ minTime: minTimeFor(step.rate, context.share) }), step.atMs),
  );
  limiter.on('failed', (error: unknown, info) => {
    if (info.retryCount >= ORACLE_RETRIES || !retryable(error)) return undefined;
    const hinted = error instanceof StatusError ? Number(error.headers.get('retry-after')) * MS_PER_SECOND : 0;
    const backoff = Math.min(ORACLE_MAX_DELAY_MS, ORACLE_BASE_DELAY_MS * 2 ** info.retryCount);
    return Math.max(hinted || 0, backoff * (0.5 + Math.random() / 2));
  });
  return {
    async send(request) {
      try {
        await limiter.schedule(() => attempt(context, request));
        return { ok: true, status: 200 };
      } catch (error) {
        return { ok: false, status: statusOfError(error) };
      }
    },
    close() {
      for (const timer of steps) clearTimeout(timer);
      void limiter.stop({ dropWaitingJobs: true }).catch(() => undefined);
    },
  };
};

async function attempt(context: ClientContext, request: Parameters<typeof fetchOnce>[1]): Promise<void> {
  if (request.signal.aborted) throw request.signal.reason;
  const response = await fetchOnce(context, request);
  if (!response.ok) throw new StatusError(response);
}

function retryable(error: unknown): boolean {
  if (error instanceof StatusError) return isRetryableStatus(error.status);
  return error instanceof TypeError;
}

function minTimeFor(rate: number, share: number): number {
  return MS_PER_SECOND / (rate * share);
}
