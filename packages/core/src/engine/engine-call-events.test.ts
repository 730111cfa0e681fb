import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, it } from 'vitest';
import { harness, settle } from '../../test/support/harness.js';
import { scripted } from '../../test/support/scripted-transport.js';
import type { AttemptStartEvent, CallInfo } from './types.js';

const request = { method: 'POST', url: 'https://api.example.test/v1/chat', model: 'm-1' };

// Telemetry keys every event of a call on one object and needs to know when attempts begin.
describe('engine call events', () => {
  it('a call starts once, each attempt starts before its transport runs, and every event names the same call', async () => {
    const { clock, engine } = harness();
    const order: string[] = [];
    const calls = new Set<CallInfo>();
    engine.onCallStart(({ call }) => {
      calls.add(call);
      order.push('call');
    });
    engine.onAttemptStart((event) => {
      calls.add(event.call);
      order.push(`start ${event.attempt}`);
    });
    engine.onAttempt((event) => {
      calls.add(event.call);
      order.push(`end ${event.attempt} ${event.rule ?? '-'} ${event.action ?? '-'}`);
    });
    engine.onRetry((event) => void calls.add(event.call));
    engine.onSuccess((event) => void calls.add(event.call));
    const transport = scripted([{ status: 503 }, { status: 200 }]);
    const run: typeof transport.run = (context) => {
      order.push(`transport ${context.attempt}`);
      return transport.run(context);
    };
    await settle(clock, engine.execute(run, { scope: 's', request }));

    expect(order).toEqual(['call', 'start 1', 'transport 1', 'end 1 503 retry', 'start 2', 'transport 2', 'end 2 - -']);
    expect([...calls]).toEqual([{ scope: 's', policy: 'default', maxAttempts: 5, request }]);
    expect(Object.isFrozen([...calls][0])).toBe(true);
  });

  it('two calls at once carry two distinct call objects', async () => {
    const { clock, engine } = harness();
    const seen: CallInfo[] = [];
    engine.onCallStart(({ call }) => seen.push(call));
    const a = engine.execute(scripted([{ status: 200 }]).run);
    const b = engine.execute(scripted([{ status: 200 }]).run);
    await settle(clock, a);
    await settle(clock, b);
    expect(seen).toHaveLength(2);
    expect(seen[0]).not.toBe(seen[1]);
  });

  it('a wrapper runs around each transport call, so the transport sees what the wrapper made current', async () => {
    const { clock, engine } = harness();
    const storage = new AsyncLocalStorage<string>();
    const seen: (string | undefined)[] = [];
    const wrapper = engine.wrapAttempt((event: AttemptStartEvent, run) => storage.run(`attempt ${event.attempt}`, run));
    const transport = scripted([{ status: 500 }, { status: 200 }]);
    const run: typeof transport.run = (context) => {
      seen.push(storage.getStore());
      return transport.run(context);
    };
    await settle(clock, engine.execute(run));
    wrapper.dispose();
    await settle(clock, engine.execute(run));
    expect(seen).toEqual(['attempt 1', 'attempt 2', undefined]);
  });

  it('the first wrapper added is outermost; one that throws before run is skipped, not an attempt failure', async () => {
    const { clock, engine } = harness();
    const layers: string[] = [];
    engine.wrapAttempt((_event, run) => {
      layers.push('outer');
      return run();
    });
    engine.wrapAttempt(() => {
      throw new Error('broken telemetry');
    });
    engine.wrapAttempt((_event, run) => {
      layers.push('inner');
      return run();
    });
    const reported: unknown[] = [];
    const onError = (error: unknown) => reported.push(error);
    process.on('uncaughtException', onError);
    try {
      const result = await settle(clock, engine.execute(scripted([{ status: 200 }]).run));
      await new Promise((resolve) => setImmediate(resolve));
      expect(result).toMatchObject({ ok: true, attempts: 1 });
      expect(layers).toEqual(['outer', 'inner']);
      expect(reported).toEqual([new Error('broken telemetry')]);
    } finally {
      process.off('uncaughtException', onError);
    }
  });
});
