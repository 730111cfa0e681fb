import { describe, expect, it } from 'vitest';
import { createRetryThrottle, isConfigError, type RetryThrottle } from '../../src/index.js';
import { settle } from '../support/harness.js';
import { scripted } from '../support/scripted-transport.js';
import {
  GRPC_CORE_BASIC,
  GRPC_CORE_REPLACEMENT,
  GRPC_GO_SUCCESS_CALLS,
  GRPC_GO_THROTTLING,
  GRPC_JAVA_THROTTLE,
  type ThrottleSequence,
  type ThrottleStep,
} from './fixtures/grpc-vectors.js';
import { gateEngine } from './support/gate-engine.js';

const SCOPE = 's';
const COUNTED = { attempt: 1, retryable: true, previousReason: undefined } as const;

/** Plays a sequence: a failure is recorded, then the retry is asked for, as the engine does. */
function replay(sequence: ThrottleSequence) {
  const old = createRetryThrottle({ maxTokens: sequence.maxTokens, tokenRatio: sequence.tokenRatio });
  let current: RetryThrottle = old;
  return sequence.steps.map((step, index) => {
    const { replacement } = sequence;
    if (replacement !== undefined && index === replacement.after) {
      current = createRetryThrottle({
        maxTokens: replacement.maxTokens,
        tokenRatio: replacement.tokenRatio,
        replaces: old,
      });
    }
    const via = 'via' in step && step.via === 'old' ? old : current;
    if (step.op === 'success') {
      via.record(SCOPE, true, undefined, { ...COUNTED, attempt: 2 });
      return { op: step.op, tokens: current.tokens(SCOPE) };
    }
    if (step.op === 'failure') via.record(SCOPE, false, 'overloaded', COUNTED);
    return { op: step.op, retry: via.tryRetry(SCOPE), tokens: current.tokens(SCOPE) };
  });
}

const strip = (sequence: ThrottleSequence) =>
  sequence.steps.map((step) => {
    const { via: _via, ...rest } = step as ThrottleStep & { via?: string };
    return rest;
  });

describe('the retry throttle reproduces the gRPC vectors (allowed or not, tokens after each step)', () => {
  it.each([GRPC_CORE_BASIC, GRPC_CORE_REPLACEMENT, GRPC_JAVA_THROTTLE].map((s) => [s.source, s] as const))(
    '%s',
    (_source, sequence) => {
      expect(replay(sequence)).toEqual(strip(sequence));
    },
  );

  it('grpc-go TestRetryThrottling through the engine: each call ends, and the server is called, as there', async () => {
    const throttle = createRetryThrottle({ maxTokens: 10, tokenRatio: 0.5 });
    const { clock, engine } = gateEngine(throttle, 4);
    const calls = Array.from({ length: 20 }, (_, i) => ({ status: GRPC_GO_SUCCESS_CALLS.includes(i) ? 200 : 503 }));
    const server = scripted(calls);
    const seen = [];
    for (const _row of GRPC_GO_THROTTLING) {
      const result = await settle(clock, engine.execute(server.run, { scope: SCOPE }));
      seen.push({ ok: result.ok, lastCall: server.calls.length - 1, tokens: throttle.tokens(SCOPE) });
    }
    expect(seen).toEqual(GRPC_GO_THROTTLING);
  });
});

describe('createRetryThrottle', () => {
  it('keeps 3 decimals of tokenRatio exactly, cutting the rest as gRPC does', () => {
    const throttle = createRetryThrottle({ maxTokens: 1000, tokenRatio: 0.0019 });
    for (let i = 0; i < 10; i++) throttle.record(SCOPE, false, 'network', COUNTED);
    for (let i = 0; i < 1000; i++) throttle.record(SCOPE, true);
    expect(throttle.tokens(SCOPE)).toBe(991); // 990 + 1000 × 0.001, with no float drift
    const exact = createRetryThrottle({ maxTokens: 4, tokenRatio: 1.005 });
    for (let i = 0; i < 4; i++) exact.record(SCOPE, false, 'network', COUNTED);
    exact.record(SCOPE, true);
    expect(exact.tokens(SCOPE)).toBe(1.005);
  });

  it('counts only failures the policy retries; without the engine context, every failure', () => {
    const throttle = createRetryThrottle({ maxTokens: 10, tokenRatio: 0.1 });
    throttle.record(SCOPE, false, 'invalid-request', { ...COUNTED, retryable: false });
    expect(throttle.tokens(SCOPE)).toBe(10);
    throttle.record(SCOPE, false, 'invalid-request');
    expect(throttle.tokens(SCOPE)).toBe(9);
    expect(throttle.tokens('other')).toBe(10);
  });

  it('a fresh replacement of a scope it never saw starts full', () => {
    const old = createRetryThrottle({ maxTokens: 4, tokenRatio: 1 });
    const next = createRetryThrottle({ maxTokens: 10, tokenRatio: 1, replaces: old });
    expect(next.tokens(SCOPE)).toBe(10);
    expect(old.tokens(SCOPE)).toBe(10);
  });

  it('replacing an already replaced throttle takes over from the newest one', () => {
    const first = createRetryThrottle({ maxTokens: 4, tokenRatio: 1 });
    first.record(SCOPE, false, 'network', COUNTED);
    const second = createRetryThrottle({ maxTokens: 8, tokenRatio: 1, replaces: first });
    second.record(SCOPE, false, 'network', COUNTED); // 6 → 5 of 8
    const third = createRetryThrottle({ maxTokens: 16, tokenRatio: 1, replaces: first });
    expect(third.tokens(SCOPE)).toBe(10);
    first.record(SCOPE, false, 'network', COUNTED);
    expect([first.tokens(SCOPE), second.tokens(SCOPE), third.tokens(SCOPE)]).toEqual([9, 9, 9]);
  });

  it.each([
    [{ maxTokens: 0, tokenRatio: 1 }, 'retryThrottle.maxTokens'],
    [{ maxTokens: 1001, tokenRatio: 1 }, 'retryThrottle.maxTokens'],
    [{ maxTokens: 10, tokenRatio: 0 }, 'retryThrottle.tokenRatio'],
    [{ maxTokens: 10, tokenRatio: 0.0004 }, 'retryThrottle.tokenRatio'],
    [{ maxTokens: 10 }, 'retryThrottle.tokenRatio'],
    [{ maxTokens: 10, tokenRatio: 1, replaces: {} }, 'retryThrottle.replaces'],
    [{ maxTokens: 10, tokenRatio: 1, ratio: 1 }, 'retryThrottle.ratio'],
    [undefined, 'retryThrottle.maxTokens'],
  ])('rejects %j naming %s', (options, field) => {
    let error: unknown;
    try {
      createRetryThrottle(options as never);
    } catch (caught) {
      error = caught;
    }
    expect(isConfigError(error) && error.field).toBe(field);
    expect(String(error)).toMatch(/Use e\.g\.|unknown option|Pass the previous/);
  });
});
