import type { IncomingMessage, ServerResponse } from 'node:http';
import { seededRandom } from '@staunch/core';
import { renderError } from '../error-bodies/render-error.js';
import { startLoopbackServer } from '../loopback/loopback-server.js';
import { readBody } from '../loopback/read-body.js';
import { TimerSet } from '../loopback/timer-set.js';
import { cannedText, completionChunks, completionJson } from './completion.js';
import { decide, type Verdict } from './decide.js';
import { type HintFacts, hintHeaders, httpDate } from './hint-headers.js';
import { RateLimiter } from './rate-limiter.js';
import { requestIdOf, requestView } from './request-view.js';
import { resolveLimits, resolveMockOptions } from './resolve-options.js';
import { sendEmpty, sendJson, sendStream } from './send-answer.js';
import { type AnswerKind, StatsRecorder } from './stats-recorder.js';
import type { MockProvider, MockProviderOptions } from './types.js';

/**
 * An OpenAI-compatible chat endpoint on 127.0.0.1 with per-key limits (token bucket, fixed
 * window or concurrency cap), truthful
 * rate-limit hints in a chosen dialect, seeded faults, outages and a capacity schedule.
 */
export async function startMockProvider(options: MockProviderOptions = {}): Promise<MockProvider> {
  const resolved = resolveMockOptions(options);
  const { clock } = resolved;
  const startedAt = clock.now();
  const elapsed = () => clock.now() - startedAt;
  const limiter = new RateLimiter(resolved.limiter, clock.wallNow(), resolved.limits, resolved.schedule);
  const random = seededRandom(resolved.seed);
  const stats = new StatsRecorder();
  const timers = new TimerSet();
  let unnamed = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = requestIdOf(req);
    stats.arrive(requestId);
    const body = await readBody(req);
    if (!body.complete) return;
    const view = requestView(req, body.text);
    // Decide, read the buckets and stamp the timeline at one instant, before any waiting.
    const atMs = elapsed();
    const verdict = decide(view, resolved, limiter, random, atMs);
    const id = requestId ?? `req_mock_${++unnamed}`;
    const hint: HintFacts = {
      readings: limiter.readings(view.key, view.tokens, atMs, resolved.resetMeaning),
      wallNowMs: clock.wallNow(),
      ...waitOf(verdict),
    };
    const headers: Record<string, string> = { date: httpDate(hint.wallNowMs), 'x-request-id': id };
    const admitted = verdict.kind !== 'refuse' || verdict.admitted;
    const record = (kind: AnswerKind, status: number) =>
      stats.answer(kind, {
        atMs,
        status,
        key: view.key,
        tokens: admitted ? view.tokens : 0,
        admitted,
        ...(requestId !== undefined && { requestId }),
      });

    // An admitted request holds its concurrency slot until its answer is sent (or its socket is gone).
    let held = admitted;
    const release = () => {
      if (held) limiter.release(view.key, view.tokens);
      held = false;
    };
    res.once('close', release);
    if (verdict.kind === 'reset') {
      record('fault', 0);
      release();
      res.socket?.resetAndDestroy();
      return;
    }
    if (verdict.kind === 'refuse') {
      const answer = renderError(resolved.errorStyle, verdict.problem, id);
      const rateLimited = verdict.problem.kind === 'rate-limit';
      record(kindOf(verdict), answer.status);
      if (rateLimited) Object.assign(headers, hintHeaders(resolved.hint, hint));
      // An API gateway's 429: no body, no timing header.
      if (rateLimited && resolved.hint === 'gateway-empty') return sendEmpty(res, answer.status, headers);
      sendJson(res, answer.status, headers, answer.body);
      return;
    }
    record('success', 200);
    if (resolved.headersOnSuccess) Object.assign(headers, hintHeaders(resolved.hint, hint));
    if (verdict.delayMs > 0) await timers.wait(verdict.delayMs);
    const completion = {
      id: `chatcmpl-${id}`,
      model: view.model ?? 'mock-model',
      created: Math.floor(hint.wallNowMs / 1000),
      text: cannedText(body.text),
      promptTokens: view.tokens,
    };
    if (!view.stream) return sendJson(res, 200, headers, completionJson(completion));
    const streamError = verdict.streamError ? { style: resolved.errorStyle, requestId: id } : undefined;
    await sendStream(res, headers, completionChunks(completion), streamError, timers);
  }

  const loopback = await startLoopbackServer((req, res) => {
    // A failure here is the mock's own bug; drop the socket rather than crash the test run.
    handle(req, res).catch(() => res.socket?.destroy());
  }, resolved.port);

  return {
    url: loopback.url,
    stats: () => stats.snapshot(),
    arrivals: (requestId) => stats.arrivals(requestId),
    setCapacity: (limits) => limiter.setLimits(resolveLimits('setCapacity.', limits, resolved.limiter.kind), elapsed()),
    close: () => {
      timers.clear();
      return loopback.close();
    },
  };
}

function waitOf(verdict: Verdict): { waitMs: number } | undefined {
  if (verdict.kind !== 'refuse' || verdict.problem.kind !== 'rate-limit') return undefined;
  return verdict.problem.waitMs === undefined ? undefined : { waitMs: verdict.problem.waitMs };
}

function kindOf(verdict: Verdict & { kind: 'refuse' }): AnswerKind {
  if (verdict.problem.kind === 'rate-limit') return 'rate-limited';
  if (verdict.fault) return 'fault';
  return verdict.problem.kind === 'invalid' ? 'poisoned' : 'other';
}
