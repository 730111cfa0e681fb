import {
  type AttemptOutcome,
  createEngine,
  decide,
  flushMicrotasks,
  headersFromRecord,
  matchRule,
  readErrorBody,
  seededRandom,
  serverWait,
  VirtualClock,
} from '@staunch/core';
import { describe, expect, test } from 'vitest';
import { resolvePolicy } from '../src/index.js';

// Waits providers write in the error body, taken through the engine's steps with each preset:
// read the body, match the rule, find the server's wait, decide. A wait past maxRetryAfterMs
// ends the call at once with retryAt; a short one is slept, and no header is needed for either.
const NOW = Date.UTC(2026, 0, 1);

function decideFor(preset: string, status: number, body: string, headers: Record<string, string> = {}) {
  const policy = resolvePolicy(preset);
  const info = readErrorBody(body, policy.errorCodePaths);
  const rule = matchRule(policy, { kind: 'status', status, codes: info.codes, message: info.message });
  const wait = serverWait(headersFromRecord(headers), policy.rateLimitHeaders, NOW, info.waitMs);
  const decision = decide({
    policy,
    rule,
    attempts: 1,
    replayable: true,
    serverWait: wait,
    remainingMs: Number.POSITIVE_INFINITY,
    previousDelayMs: 0,
    random: seededRandom(1),
  });
  return { rule, wait, decision };
}

const groqDaily = (wait: string) =>
  JSON.stringify({
    error: {
      message: `Rate limit reached for model \`llama-3.3-70b-versatile\` in organization \`org_01\` service tier \`on_demand\` on tokens per day (TPD): Limit 100000, Used 99552, Requested 1533. Please try again in ${wait}. Need more tokens? Upgrade to Dev Tier today`,
      type: 'tokens',
      code: 'rate_limit_exceeded',
    },
  });

describe('waits written in the body', () => {
  test('Groq per-day: "try again in 15m37.44s" fails fast with that wait', () => {
    const { rule, wait, decision } = decideFor('groq', 429, groqDaily('15m37.44s'));
    expect(rule.reason).toBe('quota');
    expect(wait).toEqual({ delayMs: 937_440, source: 'body' });
    expect(decision).toMatchObject({ kind: 'wait-too-long', waitMs: 937_440 });
  });

  test('Groq per-day: a wait of seconds is slept once', () => {
    const { decision } = decideFor('groq', 429, groqDaily('8.64s'));
    expect(decision).toMatchObject({ kind: 'retry', source: 'body' });
    expect(decision.kind === 'retry' && decision.delayMs).toBeGreaterThanOrEqual(8640);
  });

  test("Groq's Retry-After header still comes first", () => {
    const { wait } = decideFor('groq', 429, groqDaily('15m37.44s'), { 'retry-after': '2' });
    expect(wait).toEqual({ delayMs: 2000, source: 'retry-after' });
  });

  test('Gemini per-minute: RetryInfo.retryDelay is the wait', () => {
    const body = JSON.stringify({
      error: {
        code: 429,
        message: 'You exceeded your current quota. Please retry in 57.238747106s.',
        status: 'RESOURCE_EXHAUSTED',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
            violations: [{ quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier' }],
          },
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '57.238747106s' },
        ],
      },
    });
    const { rule, wait, decision } = decideFor('gemini', 429, body);
    expect(rule.reason).toBe('rate-limit');
    expect(wait).toEqual({ delayMs: 57_239, source: 'body' });
    expect(decision).toMatchObject({ kind: 'retry', source: 'body' });
  });

  test('Gemini: "Please retry in 10h17m5.723541104s" in the message fails fast', () => {
    const body = JSON.stringify({
      error: {
        code: 429,
        message: 'Resource has been exhausted. Please retry in 10h17m5.723541104s.',
        status: 'RESOURCE_EXHAUSTED',
      },
    });
    const { decision } = decideFor('gemini', 429, body);
    expect(decision).toMatchObject({ kind: 'wait-too-long', waitMs: 37_025_724 });
  });

  test('Azure: "Please retry after 37 seconds" is the wait when no header says it', () => {
    const body = JSON.stringify({
      error: {
        code: '429',
        message:
          'Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 37 seconds.',
      },
    });
    expect(decideFor('azure-openai', 429, body).wait).toEqual({ delayMs: 37_000, source: 'body' });
    const withHeader = decideFor('azure-openai', 429, body, { 'x-ms-retry-after-ms': '1500' });
    expect(withHeader.wait).toEqual({ delayMs: 1500, source: 'retry-after-ms' });
  });

  test('OpenAI per-day: "try again in 7m12s" fails fast, labelled quota', () => {
    const body = JSON.stringify({
      error: {
        message:
          'Rate limit reached for gpt-4o-mini in organization org-xxx on requests per day (RPD): Limit 200, Used 200, Requested 1. Please try again in 7m12s. Visit https://platform.openai.com/account/rate-limits to learn more.',
        type: 'requests',
        param: null,
        code: 'rate_limit_exceeded',
      },
    });
    const { rule, decision } = decideFor('openai', 429, body);
    expect(rule.reason).toBe('quota');
    expect(decision).toMatchObject({ kind: 'wait-too-long', waitMs: 432_000 });
  });
});

describe('through the engine', () => {
  function response(status: number, body: string, headers: Record<string, string> = {}): AttemptOutcome<string> {
    return {
      kind: 'response',
      status,
      headers: headersFromRecord(headers),
      value: body,
      readErrorBody: () => Promise.resolve(body),
    };
  }

  async function run(preset: string, outcomes: readonly AttemptOutcome<string>[]) {
    const clock = new VirtualClock({ wallStart: NOW });
    const engine = createEngine({
      policy: resolvePolicy(preset),
      clock,
      random: seededRandom(1),
      throttle: false,
      retryGate: false,
    });
    let calls = 0;
    const call = engine.execute(() => Promise.resolve(outcomes[Math.min(calls++, outcomes.length - 1)] as never));
    await clock.runAll();
    await flushMicrotasks();
    return { result: await call, calls };
  }

  test('a Groq per-day 429 ends the call after one attempt, with retryAt at the wait in the body', async () => {
    const { result, calls } = await run('groq', [response(429, groqDaily('15m37.44s'))]);
    expect(calls).toBe(1);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.reason).toBe('quota');
    expect(!result.ok && result.error.retryAt).toBe(NOW + 937_440);
  });

  test('OpenAI and Anthropic obey x-should-retry: false; a preset without the option retries', async () => {
    const overloaded = '{"error":{"message":"overloaded","type":"server_error","code":null}}';
    const refused = [response(500, overloaded, { 'x-should-retry': 'false' }), response(200, '{}')];
    for (const preset of ['openai', 'anthropic']) {
      const { result, calls } = await run(preset, refused);
      expect(calls, preset).toBe(1);
      expect(result.ok, preset).toBe(false);
    }
    const { result, calls } = await run('groq', refused);
    expect(calls).toBe(2);
    expect(result.ok).toBe(true);
  });

  test('OpenAI obeys x-should-retry: true over a rule that fails', async () => {
    const invalid =
      '{"error":{"message":"Invalid value for \'temperature\'","type":"invalid_request_error","param":"temperature","code":null}}';
    const { result, calls } = await run('openai', [
      response(400, invalid, { 'x-should-retry': 'true' }),
      response(200, '{}'),
    ]);
    expect(calls).toBe(2);
    expect(result.ok).toBe(true);
  });
});
