import { describe, expect, it } from 'vitest';
import { abortListeners, harness, isSettled, settle } from '../../test/support/harness.js';
import { scripted } from '../../test/support/scripted-transport.js';
import { isAbortedError } from '../index.js';

// G5 and G6: an abort ends the call at once, with the caller's reason as `cause`, sends nothing
// more, and leaves no timer and no listener behind.
const SLOW_BACKOFF = { backoff: { jitter: 'none', baseMs: 10_000, capMs: 10_000 } } as const;

describe('abort', () => {
  it('during a 10 s backoff: settles without advancing time, AbortedError with cause === reason', async () => {
    const { clock, engine } = harness(SLOW_BACKOFF);
    const controller = new AbortController();
    const transport = scripted([{ status: 503 }, { status: 200 }]);
    const call = engine.execute(transport.run, { signal: controller.signal });
    await clock.advance(1000);
    expect(await isSettled(call)).toBe(false);

    const reason = { why: 'user navigated away' };
    controller.abort(reason);
    expect(await isSettled(call)).toBe(true);
    const result = await call;

    expect(clock.now()).toBe(1000);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(isAbortedError(result.error)).toBe(true);
    expect(result.error.cause).toBe(reason);
    expect(result.attempts).toBe(1);
    await clock.runAll();
    expect(transport.calls).toHaveLength(1);
    expect(clock.pending).toBe(0);
    expect(abortListeners(controller.signal)).toBe(0);
  });

  it('an already-aborted signal makes no attempt', async () => {
    const { clock, engine } = harness();
    const transport = scripted([{ status: 200 }]);
    const reason = new Error('cancelled before start');
    const result = await settle(clock, engine.execute(transport.run, { signal: AbortSignal.abort(reason) }));

    expect(transport.calls).toHaveLength(0);
    expect(result).toMatchObject({ ok: false, attempts: 0 });
    expect(result.ok ? undefined : result.error.cause).toBe(reason);
  });

  it('during an attempt whose transport ignores its signal and never answers', async () => {
    const { clock, engine } = harness();
    const controller = new AbortController();
    const transport = scripted([{ hang: true }]);
    const call = engine.execute(transport.run, { signal: controller.signal });
    await clock.advance(5000);
    controller.abort();
    expect(await isSettled(call)).toBe(true);
    const result = await call;

    expect(result.ok ? undefined : result.error.cause).toBe(controller.signal.reason);
    expect(transport.calls).toHaveLength(1);
    // The transport was told too, even though it does not listen.
    expect(transport.calls[0]?.signal.aborted).toBe(true);
    expect(clock.pending).toBe(0);
    expect(abortListeners(controller.signal)).toBe(0);
  });

  it('leaves no listener on a signal shared by many successful calls', async () => {
    const { clock, engine } = harness();
    const controller = new AbortController();
    for (let i = 0; i < 50; i++) {
      await settle(
        clock,
        engine.execute(scripted([{ status: 503 }, { status: 200 }]).run, { signal: controller.signal }),
      );
    }
    expect(abortListeners(controller.signal)).toBe(0);
    expect(clock.pending).toBe(0);
  });
});
