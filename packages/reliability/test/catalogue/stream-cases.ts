import { isStreamError, VirtualClock } from '@staunch/core';
import { openAiChunk, SSE_HEAD } from '../streaming/sse-frames.js';
import { STREAM_CLIENTS, type StreamClient } from '../streaming/stream-clients.js';
import type { AdapterName, CaseContext, Seen } from './row.js';

// Streaming rows D30 and D31 through each adapter's streamed answer (a Response body for fetch
// and ky, a Node Readable for axios), against the raw server.
const turn = () => new Promise((resolve) => setImmediate(resolve));
const clientOf = (adapter: AdapterName): StreamClient =>
  STREAM_CLIENTS.find((client) => client.name === adapter) as StreamClient;

function describeFailure(error: unknown): string {
  if (isStreamError(error)) return `Stream:${error.failure}${error.partial ? ' partial' : ''}`;
  return error instanceof Error ? `native ${error.name}` : typeof error;
}

const IDLE_MS = 30_000;

/**
 * D30: one event, then silence. On a virtual clock the reader fails as `stalled` (partial) when
 * `idleTimeoutMs` has passed, and not a millisecond sooner.
 */
export async function stallAfterFirstEvent({ adapter, id, servers }: CaseContext): Promise<Seen> {
  servers.raw.script(id, [{ chunks: [SSE_HEAD, openAiChunk('Hel')], finish: 'hang' }]);
  const clock = new VirtualClock();
  const opened = await clientOf(adapter).open({ url: `${servers.raw.url}/r/${id}/`, clock, idleTimeoutMs: IDLE_MS });
  const first = await opened.read();
  let settled: unknown = 'pending';
  const next = opened.read().then(
    () => 'read',
    (error: unknown) => error,
  );
  void next.then((value) => {
    settled = value;
  });
  // Real I/O runs until the guard arms its idle timer (the call's own timers are gone by then).
  for (let i = 0; i < 1000 && clock.pending === 0; i++) await turn();
  await clock.advance(IDLE_MS - 1);
  for (let i = 0; i < 5; i++) await turn();
  const early = settled === 'pending' ? 'waited' : 'ended early';
  await clock.advance(1);
  const failure = describeFailure(await next);
  const read = first?.includes('Hel') ? 'first event read' : 'first event missing';
  return { arrivals: servers.raw.arrivals(id), outcomes: [`${read}, ${early}, ${failure}`] };
}

/** D31: the caller aborts after the first event: the reader rejects with the caller's own reason. */
export async function abortMidStream({ adapter, id, servers }: CaseContext): Promise<Seen> {
  servers.raw.script(id, [{ chunks: [SSE_HEAD, openAiChunk('Hel')], finish: 'hang' }]);
  const controller = new AbortController();
  const opened = await clientOf(adapter).open({ url: `${servers.raw.url}/r/${id}/`, signal: controller.signal });
  await opened.read();
  const reason = new Error('the user closed the tab');
  controller.abort(reason);
  const error = await opened.read().then(
    () => 'read on',
    (caught: unknown) => caught,
  );
  const outcome = error === reason || (error as { cause?: unknown }).cause === reason ? 'caller reason' : error;
  return {
    arrivals: servers.raw.arrivals(id),
    outcomes: [typeof outcome === 'string' ? outcome : describeFailure(outcome)],
  };
}

const HUGE_BYTES = 256 * 1024 * 1024;
/** Socket buffers on both sides plus the adapters' own stream buffers stay far below this. */
const HELD_BACK_BYTES = 32 * 1024 * 1024;

/**
 * D31: the caller reads one chunk of a 256 MB stream and stops. Nothing in between reads ahead:
 * the server soon cannot write more (it writes only as the socket drains).
 */
export async function callerStopsReading({ adapter, id, servers }: CaseContext): Promise<Seen> {
  servers.raw.script(id, [{ chunks: [SSE_HEAD, openAiChunk('Hel')], fillBytes: HUGE_BYTES }]);
  const controller = new AbortController();
  const opened = await clientOf(adapter).open({ url: `${servers.raw.url}/r/${id}/`, signal: controller.signal });
  await opened.read();
  await new Promise((resolve) => setTimeout(resolve, 400));
  const written = servers.raw.written(id);
  controller.abort(new Error('done'));
  await opened.read().catch(() => undefined);
  const mb = (written / 1024 / 1024).toFixed(1);
  return {
    arrivals: servers.raw.arrivals(id),
    outcomes: [written < HELD_BACK_BYTES ? 'server held back' : `server wrote ${mb} MB unread`],
  };
}
