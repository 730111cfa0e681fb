import { describe, expect, it } from 'vitest';
import { createOutageGate, VirtualClock } from '../../src/index.js';

const fail = (gate: ReturnType<typeof createOutageGate>, n: number): void => {
  for (let i = 0; i < n; i++) gate.record('s', false, 'overloaded');
};

describe('the outage gate', () => {
  it('holds retries once most recent attempts fail, probes one at a time, and releases all on a success', async () => {
    const clock = new VirtualClock();
    const gate = createOutageGate({ clock });
    fail(gate, 10);
    expect(gate.inspect('s')?.open).toBe(1);
    expect(gate.tryRetry('s')).toBe(true);
    const released: number[] = [];
    const signal = new AbortController().signal;
    const held = Array.from({ length: 4 }, (_, i) => gate.hold('s', signal).then(() => released.push(i)));
    await clock.advance(249);
    expect(released).toEqual([]);
    await clock.advance(1);
    expect(released).toEqual([0]);
    gate.record('s', false, 'overloaded');
    await clock.advance(249);
    expect(released).toEqual([0]);
    await clock.advance(1);
    expect(released).toEqual([0, 1]);
    await clock.advance(499); // the gap doubles while the outage lasts
    expect(released).toEqual([0, 1]);
    gate.record('s', true);
    await Promise.all(held);
    expect(released).toEqual([0, 1, 2, 3]);
    expect(clock.pending).toBe(0);
  });

  it('ignores rate-limit and quota 429s and client errors', () => {
    const gate = createOutageGate({ clock: new VirtualClock() });
    for (const reason of ['rate-limit', 'quota', 'invalid-request'] as const) {
      for (let i = 0; i < 20; i++) gate.record('s', false, reason);
    }
    expect(gate.inspect('s')?.open ?? 0).toBe(0);
  });

  it('does not trip under independent faults at 30 %', () => {
    const gate = createOutageGate({ clock: new VirtualClock() });
    for (let i = 0; i < 300; i++) gate.record('s', i % 10 >= 7, i % 10 >= 7 ? undefined : 'server-error');
    expect(gate.inspect('s')?.open ?? 0).toBe(0);
  });

  it('an aborted hold leaves at once; a full hold queue refuses the retry', async () => {
    const clock = new VirtualClock();
    const gate = createOutageGate({ clock, maxHeld: 1 });
    fail(gate, 10);
    const controller = new AbortController();
    const held = gate.hold('s', controller.signal).catch((error: unknown) => error);
    expect(gate.tryRetry('s')).toBe(false);
    controller.abort('stop');
    expect(await held).toBe('stop');
    expect(gate.held('s')).toBe(0);
    expect(gate.tryRetry('s')).toBe(true);
    expect(clock.pending).toBe(0);
  });

  it('keeps scopes independent', async () => {
    const gate = createOutageGate({ clock: new VirtualClock() });
    fail(gate, 10);
    await gate.hold('other', new AbortController().signal);
    expect(gate.inspect('other')).toBeUndefined();
  });
});
