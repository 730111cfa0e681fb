import type { Random } from '@staunch/core';
import type { Case, CaseContext, Seen } from './row.js';

// Group J's user-code rows through each adapter. Staunch takes no delay() or shouldRetry()
// callback (policies are data), so the user code that runs around a call stands in: the injected
// random source that feeds every backoff (J56), the engine's event listeners, and each library's
// own request hook (J57: a fetch transport wrapper, a ky beforeRequest hook, an axios interceptor).
const urlFor = ({ servers }: CaseContext, id: string) => `${servers.fault.url}/s/${id}/v1/chat/completions`;
const CAP_MS = 200;

/**
 * Runs `call` while catching what Staunch reports as uncaught errors (a throwing listener or
 * random source, through queueMicrotask) so the test run sees them as values. Rows using it run alone.
 */
async function catchingReports<T>(call: () => Promise<T>): Promise<{ value: T; reported: unknown[] }> {
  const reported: unknown[] = [];
  const original = globalThis.queueMicrotask;
  globalThis.queueMicrotask = (task) =>
    original(() => {
      try {
        task();
      } catch (error) {
        reported.push(error);
      }
    });
  try {
    const value = await call();
    await new Promise((resolve) => setTimeout(resolve, 10));
    return { value, reported };
  } finally {
    globalThis.queueMicrotask = original;
  }
}

/**
 * J56: a random source returning nonsense still gives delays in [0, cap]; one that throws is
 * reported each time it is asked and reads as 0.
 */
export function hostileRandom(name: string, random: () => unknown): Case {
  return {
    name,
    run: async (context) => {
      const { id, servers, send } = context;
      servers.fault.script(id, [{ status: 503 }, { status: 503 }, { status: 200 }]);
      const delays: number[] = [];
      const { value: outcome, reported } = await catchingReports(() =>
        send({
          url: urlFor(context, id),
          policy: { backoff: { baseMs: 50, capMs: CAP_MS } },
          options: { random: random as Random },
          events: (events) => events.onRetry((event) => void delays.push(event.delayMs)),
        }),
      );
      const bounded = delays.every((ms) => Number.isInteger(ms) && ms >= 0 && ms <= CAP_MS);
      const reports = reported.length === 0 ? '' : `, ${reported.length} reported`;
      return {
        arrivals: servers.fault.arrivals(id),
        outcomes: [`${outcome}, delays ${bounded ? 'within' : 'outside'} [0, cap]${reports}`],
      };
    },
    expect: { arrivals: 3, outcome: '200, delays within [0, cap]' },
  };
}

/** A promise that is rejected but handled, so the test run sees no unhandled rejection. */
export function handledRejection(): Promise<never> {
  const rejected = Promise.reject(new Error('the delay hook failed'));
  rejected.catch(() => undefined);
  return rejected;
}

/**
 * J57: an `onRetry` listener that throws (synchronously, or by returning a rejected promise)
 * neither breaks nor repeats the call; a synchronous throw is reported once as an uncaught error
 * (like a DOM event listener's).
 */
export async function throwingListener(context: CaseContext): Promise<Seen> {
  const { id, servers, send } = context;
  servers.fault.script(id, [{ status: 503 }, { status: 200 }]);
  const { value: outcome, reported } = await catchingReports(() =>
    send({
      url: urlFor(context, id),
      events: (events) => {
        events.onRetry(() => {
          throw new Error('listener bug');
        });
        events.onRetry(() => handledRejection());
      },
    }),
  );
  const once = reported.length === 1 && (reported[0] as Error).message === 'listener bug';
  return {
    arrivals: servers.fault.arrivals(id),
    outcomes: [`${outcome}, ${once ? 'reported once' : `reported ${reported.length}`}`],
  };
}

/**
 * J57: a request hook that mutates the request (adds a header): every attempt carries the
 * change, and the body is still sent whole.
 */
export async function mutatingHook(context: CaseContext): Promise<Seen> {
  const { id, servers, send } = context;
  servers.fault.script(id, [{ status: 503 }, { status: 200 }]);
  const outcome = await send({
    url: urlFor(context, id),
    body: 'json',
    requestHook: (headers) => headers.set('x-mutated', 'yes'),
  });
  const requests = servers.fault.requests(id);
  const all = requests.every((r) => r.headers['x-mutated'] === 'yes') ? 'every attempt mutated' : 'mutation lost';
  const whole = new Set(requests.map((r) => r.bodySha256)).size === 1 ? 'same body' : 'body changed';
  return { arrivals: servers.fault.arrivals(id), outcomes: [`${outcome}, ${all}, ${whole}`] };
}

/**
 * J57: a request hook that throws. ky and axios run it once, before Staunch, and reject with its
 * error having sent nothing; fetch's transport wrapper runs per attempt, inside the engine, so its
 * throw reads as a failed attempt (a network outcome) and is retried up to `maxAttempts`.
 */
export async function throwingHook(context: CaseContext): Promise<Seen> {
  const { id, servers, send } = context;
  servers.fault.script(id, [{ status: 200 }]);
  const outcome = await send({
    url: urlFor(context, id),
    policy: { maxAttempts: 2, backoff: { baseMs: 1, capMs: 5 } },
    requestHook: () => {
      throw new Error('hook bug');
    },
  });
  return { arrivals: servers.fault.arrivals(id), outcomes: [outcome] };
}
