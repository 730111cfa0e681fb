import { describe, expect, it } from 'vitest';
import { isConfigError } from '../../errors/config-error.js';
import { isStreamError } from '../../errors/stream-error.js';
import { flushMicrotasks, VirtualClock } from '../../runtime/virtual-clock.js';
import { commitSseBody } from './commit-sse-body.js';
import { resolveStreamGuardOptions } from './stream-options.js';

const encode = (text: string) => new TextEncoder().encode(text);

/** A body the test feeds by hand: `push` a chunk, `fail` it, `end` it. */
function handFed() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  return {
    body,
    push: (text: string) => controller.enqueue(encode(text)),
    fail: (error: unknown) => controller.error(error),
    end: () => controller.close(),
  };
}

/** Settles to the read's error, `'read'`, or stays `'pending'`. */
function watch(read: Promise<unknown>): { outcome: unknown } {
  const state: { outcome: unknown } = { outcome: 'pending' };
  read.then(
    () => {
      state.outcome = 'read';
    },
    (error: unknown) => {
      state.outcome = error;
    },
  );
  return state;
}

describe('commitSseBody before the first byte', () => {
  it('a body that fails rejects with StreamError interrupted, partial: false, the cause kept', async () => {
    const fed = handFed();
    const reset = new Error('ECONNRESET');
    fed.fail(reset);
    const error = await commitSseBody(fed.body).catch((e: unknown) => e);
    expect(isStreamError(error) && [error.failure, error.partial, error.receivedBytes, error.cause]).toEqual([
      'interrupted',
      false,
      0,
      reset,
    ]);
  });

  it('a body that ends empty rejects with StreamError truncated, partial: false', async () => {
    const fed = handFed();
    fed.push('');
    fed.end();
    const error = await commitSseBody(fed.body).catch((e: unknown) => e);
    expect(isStreamError(error) && [error.failure, error.partial]).toEqual(['truncated', false]);
  });
});

describe('commitSseBody idle limit (virtual clock)', () => {
  it('any byte, a keep-alive comment included, restarts the idle limit', async () => {
    const clock = new VirtualClock();
    const fed = handFed();
    fed.push('data: {"choices":[]}\n\n');
    const reader = (await commitSseBody(fed.body, { clock, idleTimeoutMs: 1000 })).getReader();
    await reader.read();
    const kept = reader.read();
    await clock.advance(900);
    fed.push(': keep-alive\n\n');
    expect((await kept).done).toBe(false);
    const next = watch(reader.read());
    // 1,800 ms after the first byte but only 900 since the comment: still within the limit.
    await clock.advance(900);
    expect(next.outcome).toBe('pending');
    await clock.advance(100);
    await flushMicrotasks();
    expect(isStreamError(next.outcome) && next.outcome.failure).toBe('stalled');
  });

  it('without idleTimeoutMs no timer is armed and a silent stream waits', async () => {
    const clock = new VirtualClock();
    const fed = handFed();
    fed.push('data: {"choices":[]}\n\n');
    const reader = (await commitSseBody(fed.body, { clock })).getReader();
    await reader.read();
    const next = watch(reader.read());
    await clock.advance(24 * 3600_000);
    expect([clock.pending, next.outcome]).toEqual([0, 'pending']);
  });
});

describe('resolveStreamGuardOptions', () => {
  it('keeps a valid idle limit and leaves an unset one unset', () => {
    expect(resolveStreamGuardOptions({ idleTimeoutMs: 120_000 })).toEqual({ idleTimeoutMs: 120_000 });
    expect(resolveStreamGuardOptions({})).toEqual({});
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31])(
    'rejects idleTimeoutMs %s, naming the field',
    (ms) => {
      const error = (() => {
        try {
          resolveStreamGuardOptions({ idleTimeoutMs: ms });
        } catch (e) {
          return e;
        }
      })();
      expect(isConfigError(error) && error.field).toBe('idleTimeoutMs');
    },
  );
});
