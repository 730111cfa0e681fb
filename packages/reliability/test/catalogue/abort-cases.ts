import { createAdaptiveThrottle } from '@staunch/core';
import type { CaseContext, Seen } from './row.js';

// Cancellation rows F37 and F40 through each adapter: aborts that need a second call or the
// caller's own reason object.
const after = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const urlFor = ({ servers }: CaseContext, id: string) => `${servers.fault.url}/s/${id}/v1/chat/completions`;

/**
 * F37: one attempt may be in flight per scope (a throttle whose window is 1); a first call holds
 * it on a hanging answer, a second call on the same key waits in the throttle and is aborted
 * there. It ends aborted having sent nothing; then the first is aborted too.
 */
export async function abortInThrottleWait(context: CaseContext): Promise<Seen> {
  const { id, servers, send } = context;
  const throttle = createAdaptiveThrottle({ tuning: { initialWindow: 1 } });
  servers.fault.script(`${id}-holder`, [{ fault: 'hang' }]);
  servers.fault.script(`${id}-waiter`, [{ status: 200 }]);
  const holder = new AbortController();
  const waiter = new AbortController();
  const options = { throttle };
  const first = send({ url: urlFor(context, `${id}-holder`), options, signal: holder.signal });
  await after(200);
  const second = send({ url: urlFor(context, `${id}-waiter`), options, signal: waiter.signal });
  await after(200);
  waiter.abort(new Error('the user gave up waiting'));
  const waited = await second;
  holder.abort(new Error('done'));
  await first;
  return { arrivals: servers.fault.arrivals(`${id}-waiter`), outcomes: [waited] };
}

const BODY_HEAD = 'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n';

/**
 * F37: the caller aborts while a (non-streamed) answer's body is still arriving: the read ends
 * at once and nothing is sent again.
 */
export async function abortDuringBodyRead({ id, servers, send }: CaseContext): Promise<Seen> {
  servers.raw.script(id, [{ chunks: [BODY_HEAD, '{"choices":['], finish: 'hang' }]);
  const started = performance.now();
  const signal = AbortSignal.timeout(300);
  const outcome = await send({ url: `${servers.raw.url}/r/${id}/`, signal });
  const prompt = performance.now() - started < 5000 ? 'prompt' : 'late';
  // The caller still holds `signal` here, as most callers do until the body is read.
  const fired = signal.aborted ? '' : ', the signal never fired';
  return { arrivals: servers.raw.arrivals(id), outcomes: [`${outcome}, ${prompt}${fired}`] };
}

const gc = (globalThis as { gc?: () => void }).gc;

/**
 * F37 and nodejs/node#57736: the same abort from an `AbortSignal.timeout()` the caller keeps no
 * reference to, with garbage collected every 10 ms. Node's `AbortSignal.any` holds such a
 * source weakly; whoever combines the caller's signal must keep it alive, or the body read hangs.
 */
export async function unreferencedTimeoutDuringBodyRead({ id, servers, send }: CaseContext): Promise<Seen> {
  if (gc === undefined) throw new Error('run with --expose-gc (vitest.config.ts passes it)');
  servers.raw.script(id, [{ chunks: [BODY_HEAD, '{"choices":['], finish: 'hang' }]);
  const collect = setInterval(gc, 10);
  const hung = new AbortController();
  const guard = setTimeout(() => hung.abort(), 4000);
  try {
    // A getter, so nothing on this side holds the signal (async frames keep their arguments):
    // each read makes a fresh AbortSignal.timeout that only the adapter sees.
    const call = send({
      url: `${servers.raw.url}/r/${id}/`,
      get signal() {
        return AbortSignal.timeout(1000);
      },
    });
    const outcome = await Promise.race([
      call,
      new Promise<string>((resolve) => hung.signal.addEventListener('abort', () => resolve('still reading after 4 s'))),
    ]);
    return { arrivals: servers.raw.arrivals(id), outcomes: [outcome] };
  } finally {
    clearInterval(collect);
    clearTimeout(guard);
  }
}

/**
 * F40: an abort whose reason is a plain object (not an Error) during a 30 s Retry-After wait: the
 * typed error carries that very object as `cause`.
 */
export async function abortWithReasonObject(context: CaseContext): Promise<Seen> {
  const { id, servers, send } = context;
  servers.fault.script(id, [{ status: 429, headers: { 'retry-after': '30' } }, { status: 200 }]);
  const controller = new AbortController();
  const reason = { code: 'user-cancelled', at: 'backoff' };
  const caught: unknown[] = [];
  const call = send({ url: urlFor(context, id), signal: controller.signal, caught: (error) => caught.push(error) });
  await after(300);
  controller.abort(reason);
  const outcome = await call;
  const cause = (caught[0] as { cause?: unknown } | undefined)?.cause === reason ? 'cause is the reason' : 'cause lost';
  return { arrivals: servers.fault.arrivals(id), outcomes: [`${outcome}, ${cause}`] };
}
