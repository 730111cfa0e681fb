import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestFacts, seededRandom } from '@staunch/core';
import { renderError } from '../error-bodies/render-error.js';
import { startLoopbackServer } from '../loopback/loopback-server.js';
import { readBody } from '../loopback/read-body.js';
import { TimerSet } from '../loopback/timer-set.js';
import { cannedText, completionChunks, completionJson } from './completion.js';
import { decide, type RequestView, type Verdict } from './decide.js';
import { type HintFacts, hintHeaders, httpDate } from './hint-headers.js';
import { RateLimiter } from './rate-limiter.js';
import { resolveLimits, resolveMockOptions } from './resolve-options.js';
import { sendJson, sendStream } from './send-answer.js';
import { type AnswerKind, StatsRecorder } from './stats-recorder.js';
import type { MockProvider, MockProviderOptions } from './types.js';

/**
 * An OpenAI-compatible chat endpoint on 127.0.0.1 with per-key token buckets, truthful
 * rate-limit hints in a chosen dialect, seeded faults, outages and a capacity schedule.
 */
export async function startMockProvider(options: MockProviderOptions = {}): Promise<MockProvider> {
  const resolved = resolveMockOptions(options);
  const { clock } = resolved;
  const startedAt = clock.now();
  const elapsed = () => clock.now() - startedAt;
  const limiter = new RateLimiter(resolved.limits, resolved.schedule);
  const random = seededRandom(resolved.seed);
  const stats = new StatsRecorder();
  const timers = new TimerSet();
  let served = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = header(req, 'x-request-id') ?? header(req, 'x-test-id');
    stats.arrive(requestId);
    const body = await readBody(req);
    if (!body.complete) return;
    const facts = requestFacts(body.text);
    const view: RequestView = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      key: header(req, 'authorization') ?? header(req, 'x-api-key') ?? 'anonymous',
      bodyText: body.text,
      model: facts.model,
      tokens: facts.cost.tokens,
      poison: header(req, 'x-poison'),
    };
    const atMs = elapsed();
    const verdict = decide(view, resolved, limiter, random, atMs);
    const id = requestId ?? `req_mock_${++served}`;
    const hint: HintFacts = {
      readings: limiter.readings(view.key, view.tokens, atMs, resolved.resetMeaning),
      wallNowMs: clock.wallNow(),
      ...verdictWait(verdict),
    };
    const headers: Record<string, string> = { date: httpDate(hint.wallNowMs), 'x-request-id': id };
    const admitted = verdict.kind !== 'refuse' || verdict.admitted;
    const record = (kind: AnswerKind, status: number) =>
      stats.answer(kind, { atMs, status, key: view.key, tokens: admitted ? view.tokens : 0, admitted });

    if (verdict.kind === 'reset') {
      record('fault', 0);
      res.socket?.resetAndDestroy();
      return;
    }
    if (verdict.kind === 'refuse') {
      const answer = renderError(resolved.errorStyle, verdict.problem, id);
      const rateLimited = verdict.problem.kind === 'rate-limit';
      record(rateLimited ? 'rate-limited' : verdict.fault ? 'fault' : kindOf(verdict), answer.status);
      sendJson(
        res,
        answer.status,
        rateLimited ? { ...headers, ...hintHeaders(resolved.hint, hint) } : headers,
        answer.body,
      );
      return;
    }
    record('success', 200);
    if (resolved.headersOnSuccess) Object.assign(headers, hintHeaders(resolved.hint, hint));
    if (verdict.delayMs > 0) await timers.wait(verdict.delayMs);
    const completion = {
      id: `chatcmpl-${id}`,
      model: facts.model ?? 'mock-model',
      created: Math.floor(hint.wallNowMs / 1000),
      text: cannedText(body.text),
      promptTokens: facts.cost.tokens,
    };
    if (wantsStream(body.text)) {
      const streamError = verdict.streamError ? { style: resolved.errorStyle, requestId: id } : undefined;
      await sendStream(res, headers, completionChunks(completion), streamError, timers);
    } else {
      sendJson(res, 200, headers, completionJson(completion));
    }
  }

  const loopback = await startLoopbackServer((req, res) => {
    handle(req, res).catch(() => res.socket?.destroy());
  }, resolved.port);

  return {
    url: loopback.url,
    stats: () => stats.snapshot(),
    arrivals: (requestId) => stats.arrivals(requestId),
    setCapacity: (limits) => limiter.setLimits(resolveLimits('setCapacity.', limits), elapsed()),
    close: () => {
      timers.clear();
      return loopback.close();
    },
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function verdictWait(verdict: Verdict): { waitMs: number } | undefined {
  if (verdict.kind !== 'refuse' || verdict.problem.kind !== 'rate-limit') return undefined;
  return verdict.problem.waitMs === undefined ? undefined : { waitMs: verdict.problem.waitMs };
}

function kindOf(verdict: Verdict): AnswerKind {
  return verdict.kind === 'refuse' && verdict.problem.kind === 'invalid' ? 'poisoned' : 'other';
}

function wantsStream(bodyText: string): boolean {
  try {
    const parsed: unknown = JSON.parse(bodyText);
    return typeof parsed === 'object' && parsed !== null && (parsed as { stream?: unknown }).stream === true;
  } catch {
    return false;
  }
}
