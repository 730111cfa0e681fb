/** What one call ended with: an HTTP status, or 0 for a rejection (lost). */
export type Send = () => Promise<number>;

/**
 * Open loop: one call every 1000/rate ms for `durationMs`, whatever the answers (a client in
 * front of users does not slow down because a provider is down). Resolves once every call settled.
 */
export async function openLoop(send: Send, rate: number, durationMs: number): Promise<number[]> {
  const count = Math.round((rate * durationMs) / 1000);
  const started = performance.now();
  const calls: Promise<number>[] = [];
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    calls.push(send().catch(() => 0));
  }
  return Promise.all(calls);
}

/** A caller whose call failed waits this long before its next one (instead of spinning on an open circuit). */
const PAUSE_AFTER_FAILURE_MS = 100;

/** Closed loop: `concurrency` callers, each sending its next call when the last settles, for `durationMs`. */
export async function closedLoop(send: Send, concurrency: number, durationMs: number): Promise<number[]> {
  const statuses: number[] = [];
  const end = performance.now() + durationMs;
  const worker = async () => {
    while (performance.now() < end) {
      const status = await send().catch(() => 0);
      statuses.push(status);
      if (status < 200 || status >= 300) await new Promise((resolve) => setTimeout(resolve, PAUSE_AFTER_FAILURE_MS));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return statuses;
}
