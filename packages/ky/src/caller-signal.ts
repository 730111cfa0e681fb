/**
 * The caller's own signal, which ky joins with its own through `AbortSignal.any` before any hook
 * but ky 2's `init` sees the options. Node's `AbortSignal.any` holds its sources weakly
 * (nodejs/node#57736): once ky returns the response nothing holds an `AbortSignal.timeout()` the
 * caller made inline, it can be collected before it fires, and a body read then never ends.
 * Whoever joined it must keep it alive; ky does not, so @staunch/ky does, with the body.
 */
const CALLER_SIGNAL = Symbol('staunch.callerSignal');

/** ky 2's `init` hook: notes the caller's signal in `context`, which reaches `beforeRequest`. */
export function noteCallerSignal(options: {
  signal?: AbortSignal | null;
  context?: Record<PropertyKey, unknown>;
}): void {
  if (options.signal == null) return;
  options.context = { ...options.context, [CALLER_SIGNAL]: options.signal };
}

/**
 * The signals to keep alive for one request: the one ky 2's `init` hook noted, else (ky 1, which
 * has no such hook) the sources of the joined signal ky hands `beforeRequest`. Node keeps those in
 * a set of weak references under an internal symbol; where it does not (Deno, Bun, browsers, all
 * without the bug), there is nothing to find and only the joined signal is kept.
 */
export function callerSignals(
  joined: AbortSignal | null | undefined,
  context: Readonly<Record<PropertyKey, unknown>> | undefined,
): readonly AbortSignal[] {
  const noted = context?.[CALLER_SIGNAL];
  if (noted instanceof AbortSignal) return joined == null ? [noted] : [noted, joined];
  if (joined == null) return [];
  return [joined, ...sourcesOf(joined)];
}

function sourcesOf(signal: AbortSignal): AbortSignal[] {
  const key = Object.getOwnPropertySymbols(signal).find((s) => s.description === 'kSourceSignals');
  const refs = key === undefined ? undefined : (signal as unknown as Record<symbol, unknown>)[key];
  // Node's own SafeSet and SafeWeakRef, which are not instances of the global Set and WeakRef.
  if (typeof refs !== 'object' || refs === null || !(Symbol.iterator in refs)) return [];
  const sources: AbortSignal[] = [];
  for (const ref of refs as Iterable<{ deref?: () => unknown }>) {
    const source = typeof ref.deref === 'function' ? ref.deref() : undefined;
    if (source instanceof AbortSignal) sources.push(source);
  }
  return sources;
}

const retained = new WeakMap<object, readonly object[]>();

/**
 * Keeps the caller's signals, ky's request and the last attempt's request reachable for as long as
 * the response's body is. The requests too: a Request's own signal follows the one it was made
 * with through a listener that holds the Request's controller weakly (undici), so without them an
 * abort would stop partway down the chain and the body read would still never end.
 */
export function retainSignals(
  response: Response,
  requests: readonly (Request | undefined)[],
  signals: readonly AbortSignal[],
): Response {
  if (signals.length === 0 || response.body === null) return response;
  retained.set(response.body, [...requests.filter((r) => r !== undefined), ...signals]);
  return response;
}
