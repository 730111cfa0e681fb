import { isDeadlineError, isHttpError, type PolicyInput } from '@staunch/core';
import { createFetch } from '@staunch/fetch';
import { type Case, expectEqual, expectTrue, rejection } from './harness.js';

// A tiny backoff keeps the suite fast; throttle and gate off isolate the engine and the adapter.
export const QUICK: PolicyInput = { extends: 'default', backoff: { baseMs: 1, capMs: 5 } };
const plain = (policy: PolicyInput = QUICK, typed = false) =>
  createFetch({ policy, throttle: false, retryGate: false, throwHttpErrors: typed });
const JSON_BODY = JSON.stringify({ model: 'runtime-model', messages: [{ role: 'user', content: 'héllo' }] });
const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON_BODY };
const soon = { 'retry-after-ms': '1' };

export const FETCH_CASES: readonly Case[] = [
  {
    name: 'a 200 passes through with its body',
    async run({ url, script, arrivals }) {
      await script([{ status: 200, body: '{"answer":42}' }]);
      const response = await plain()(url, post);
      expectEqual(await response.json(), { answer: 42 }, 'body');
      expectEqual((await arrivals()).length, 1, 'arrivals');
    },
  },
  {
    name: "a 400 fails fast with the provider's reason",
    async run({ url, script, arrivals }) {
      await script([{ status: 400 }, { status: 200 }]);
      const error = await rejection(plain(QUICK, true)(url, post), 'call');
      expectTrue(isHttpError(error), `an HttpError, got ${String(error)}`);
      expectEqual(isHttpError(error) ? [error.status, error.reason] : [], [400, 'invalid-request'], 'status, reason');
      expectEqual((await arrivals()).length, 1, 'arrivals');
    },
  },
  {
    name: 'a 503 with retry-after-ms is retried',
    async run({ url, script, arrivals }) {
      await script([{ status: 503, headers: soon }, { status: 200 }]);
      expectEqual((await plain()(url, post)).status, 200, 'status');
      expectEqual((await arrivals()).length, 2, 'arrivals');
    },
  },
  {
    name: 'Retry-After in seconds is waited out',
    async run({ url, script, arrivals }) {
      await script([{ status: 429, headers: { 'retry-after': '1' } }, { status: 200 }]);
      expectEqual((await plain()(url, post)).status, 200, 'status');
      const [first, second] = await arrivals();
      const gap = (second?.at ?? 0) - (first?.at ?? 0);
      expectTrue(gap >= 900, `the second attempt came ${Math.round(gap)} ms after the first, wanted ≥ 900`);
    },
  },
  {
    name: 'a connection reset is retried',
    async run({ url, script, arrivals }) {
      await script([{ fault: 'reset' }, { status: 200 }]);
      expectEqual((await plain()(url, post)).status, 200, 'status');
      expectEqual((await arrivals()).length, 2, 'arrivals');
    },
  },
  {
    name: 'an attempt past attemptTimeoutMs is cut and retried',
    async run({ url, script, arrivals }) {
      await script([{ fault: 'hang' }, { status: 200 }]);
      expectEqual((await plain({ ...QUICK, attemptTimeoutMs: 300 })(url, post)).status, 200, 'status');
      expectEqual((await arrivals()).length, 2, 'arrivals');
    },
  },
  {
    name: 'the total deadline ends a hanging call',
    async run({ url, script }) {
      await script([{ fault: 'hang' }]);
      const error = await rejection(plain({ ...QUICK, timeoutMs: 250 })(url, post), 'call');
      expectTrue(isDeadlineError(error), `a DeadlineError, got ${String(error)}`);
    },
  },
  {
    name: "an abort during a server-requested wait ends the call with the caller's reason",
    async run({ url, script, arrivals }) {
      await script([{ status: 429, headers: { 'retry-after': '30' } }]);
      const controller = new AbortController();
      const reason = new Error('the caller gave up');
      const started = Date.now();
      const call = plain()(url, { ...post, signal: controller.signal });
      setTimeout(() => controller.abort(reason), 300);
      expectTrue((await rejection(call, 'call')) === reason, "rejected with the caller's reason");
      expectTrue(Date.now() - started < 5000, 'ended at once, not after the 30 s wait');
      expectEqual((await arrivals()).length, 1, 'arrivals');
    },
  },
  {
    name: 'an AbortSignal.timeout() ends a hanging call',
    async run({ url, script }) {
      await script([{ fault: 'hang' }]);
      const error = await rejection(plain()(url, { ...post, signal: AbortSignal.timeout(200) }), 'call');
      expectEqual((error as { name?: unknown }).name, 'TimeoutError', 'error name');
    },
  },
  {
    name: 'a JSON body is re-sent byte for byte',
    async run({ url, script, arrivals }) {
      await script([{ status: 503, headers: soon }, { status: 503, headers: soon }, { status: 200 }]);
      expectEqual((await plain()(url, post)).status, 200, 'status');
      const seen = await arrivals();
      expectEqual(seen.length, 3, 'arrivals');
      expectTrue((seen[0]?.bodyBytes ?? 0) > 0, 'the body arrived');
      expectEqual(new Set(seen.map((a) => a.bodyDigest)).size, 1, 'distinct bodies');
    },
  },
  {
    name: 'a streamed request body is sent once, never replayed empty',
    skip: (runtime) =>
      runtime === 'chromium'
        ? 'Chromium streams a request body over HTTP/2 only; the loopback server speaks HTTP/1.1'
        : undefined,
    async run({ url, script, arrivals }) {
      await script([{ status: 503, headers: soon }, { status: 200 }]);
      const bytes = new TextEncoder().encode(JSON_BODY);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes);
          controller.close();
        },
      });
      const init = { ...post, body, duplex: 'half' } as RequestInit;
      expectEqual((await plain()(url, init)).status, 503, 'status (the one answer, not retried)');
      expectEqual(
        (await arrivals()).map((a) => a.bodyBytes),
        [bytes.length],
        'arrivals and their bytes',
      );
    },
  },
];
