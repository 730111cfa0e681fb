import {
  type AttemptFunction,
  type CallResult,
  flushMicrotasks,
  headersFromRecord,
  seededRandom,
  VirtualClock,
} from '@staunch/core';
import {
  createRouter,
  type Destination,
  type Router,
  type RouterOptions,
  type TargetOptions,
} from '../../src/index.js';

/** One scripted answer: a status with an optional JSON body and headers, a network error, or a hang. */
export type Answer =
  | {
      readonly status: number;
      readonly body?: unknown;
      readonly headers?: Readonly<Record<string, string>>;
      /** Answer after this many virtual ms. */
      readonly delayMs?: number;
    }
  | { readonly network: true }
  | { readonly hang: true };

export interface Sent {
  readonly target: string;
  readonly key: number | undefined;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
  readonly at: number;
}

/** A router on a virtual clock whose transport answers per target by `answer`, recording each attempt. */
export function fakeChain(
  targets: readonly TargetOptions[],
  answer: (sent: Sent, index: number) => Answer,
  options: Partial<RouterOptions> | ((clock: VirtualClock) => Partial<RouterOptions>) = {},
) {
  const clock = new VirtualClock();
  const sent: Sent[] = [];
  /** Per call (its `x-call` header): attempts in flight now, and the most ever at once. */
  const perCall = new Map<string, number>();
  let overlap = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const router: Router = createRouter({
    clock,
    random: seededRandom(7),
    throttle: false,
    retryGate: false,
    ...(typeof options === 'function' ? options(clock) : options),
    targets,
  });
  const run =
    (destination: Destination): AttemptFunction<string> =>
    async ({ signal }) => {
      const record: Sent = {
        target: destination.target,
        key: destination.key,
        url: destination.url,
        headers: Object.fromEntries(destination.headers),
        body: destination.body,
        at: clock.now(),
      };
      sent.push(record);
      const id = destination.headers.get('x-call') ?? '';
      perCall.set(id, (perCall.get(id) ?? 0) + 1);
      overlap = Math.max(overlap, perCall.get(id) ?? 0);
      signal.addEventListener('abort', () => perCall.set(id, (perCall.get(id) ?? 1) - 1), { once: true });
      const step = answer(record, sent.length - 1);
      if ('hang' in step) {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        return new Promise((_, reject) =>
          signal.addEventListener('abort', () => {
            inFlight -= 1;
            reject(signal.reason);
          }),
        );
      }
      if ('network' in step) return { kind: 'network', error: new TypeError('fetch failed') };
      const text = step.body === undefined ? undefined : JSON.stringify(step.body);
      if (step.delayMs !== undefined) {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise<void>((resolve) => clock.setTimeout(resolve, step.delayMs ?? 0));
        inFlight -= 1;
      }
      perCall.set(id, (perCall.get(id) ?? 1) - 1);
      return {
        kind: 'response',
        status: step.status,
        headers: headersFromRecord(step.headers ?? {}),
        value: `${destination.target}#${destination.key ?? '-'}:${step.status}`,
        readErrorBody: () => Promise.resolve(text),
      };
    };
  const call = (
    url: string,
    init: { headers?: Record<string, string>; body?: string; signal?: AbortSignal; replayable?: boolean } = {},
  ) =>
    router.execute(
      { url, headers: new Headers(init.headers), body: init.body, replayable: init.replayable ?? true },
      run,
      { signal: init.signal },
    );
  return { clock, router, sent, call, maxInFlight: () => maxInFlight, maxPerCall: () => overlap };
}

/** Runs the virtual clock until the call settles. */
export async function settle<T>(clock: VirtualClock, promise: Promise<CallResult<T>>): Promise<CallResult<T>> {
  let done = false;
  const tracked = promise.finally(() => {
    done = true;
  });
  for (let i = 0; i < 10_000 && !done; i++) {
    await flushMicrotasks();
    if (!done) await clock.advance(clock.pending > 0 ? 100 : 0);
  }
  return tracked;
}

export const OPENAI = 'https://api.openai.test/v1';
export const BACKUP = 'https://api.backup.test/v1';
export const THIRD = 'https://api.third.test/v1';
