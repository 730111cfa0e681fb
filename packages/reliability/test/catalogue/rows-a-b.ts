import type { PolicyInput } from '@staunch/core';
import type { FaultStep } from '@staunch/testing';
import { sseStep } from '../streaming/sse-frames.js';
import type { Case, Expectation, Row } from './row.js';

// Group A (statuses and classification) and group B (timing headers) of reliability.md §9.2.
const soon = { 'retry-after-ms': '1' };
const retried: Expectation = { arrivals: 2, outcome: '200' };
const once = (outcome: string): Expectation => ({ arrivals: 1, outcome });
const openai = { extends: 'openai', backoff: { baseMs: 1, capMs: 5 } };
const obeying: PolicyInput = { shouldRetryHeader: true, backoff: { baseMs: 1, capMs: 5 } };

function then200(name: string, first: FaultStep, expect: Expectation): Case {
  return { name, steps: [first, { status: 200 }], expect };
}
const failFast = (status: number): Case => then200(`${status}`, { status }, once(`Http ${status}`));
const retriedStatus = (status: number): Case => then200(`${status}`, { status, headers: soon }, retried);
/** A 429 whose wait header holds `value`: `expect` says how the value was read. */
const hint = (header: string, value: string, expect: Expectation): Case =>
  then200(`${header}: ${JSON.stringify(value)}`, { status: 429, headers: { [header]: value } }, expect);
const tooLong = once('RetryAfterTooLong 429');
const dayMs = 86_400_000;
/** A Retry-After date `offsetMs` from when the case runs (a getter: rows are built long before). */
function dated(name: string, offsetMs: number, expect: Expectation, policy?: PolicyInput): Case {
  return {
    name,
    expect,
    ...(policy === undefined ? {} : { policy }),
    get steps(): FaultStep[] {
      return [
        { status: 429, headers: { 'retry-after': new Date(Date.now() + offsetMs).toUTCString() } },
        { status: 200 },
      ];
    },
  };
}

export const ROWS_A_B: readonly Row[] = [
  { id: 'A1', title: '429 with Retry-After (seconds)', cases: [hint('retry-after', '1', retried)] },
  { id: 'A2', title: '429 without any timing header', cases: [then200('bare 429', { status: 429 }, retried)] },
  {
    id: 'A3',
    title: '429 meaning quota/spend exhausted: never retried',
    cases: [
      then200(
        'insufficient_quota',
        { status: 429, body: '{"error":{"code":"insufficient_quota","message":"q"}}' },
        once('Http 429'),
      ),
      then200(
        'enforced_spend_limit_reached',
        { status: 429, body: '{"error":{"type":"enforced_spend_limit_reached","message":"s"}}' },
        once('Http 429'),
      ),
    ],
  },
  {
    id: 'A4',
    title: '529 overloaded_error; 503 with and without Retry-After',
    cases: [
      then200(
        '529',
        { status: 529, body: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}' },
        retried,
      ),
      hint('retry-after', '1', retried),
      then200('503 bare', { status: 503 }, retried),
    ],
  },
  {
    id: 'A5',
    title: '500, 502, 504, 408 retried; 409 retried under the OpenAI preset',
    cases: [
      ...[500, 502, 504, 408].map(retriedStatus),
      { name: '409 openai', policy: openai, steps: [{ status: 409 }, { status: 200 }], expect: retried },
    ],
  },
  {
    id: 'A6',
    title: '400, 401, 403, 404, 413, 422 never retried',
    cases: [400, 401, 403, 404, 413, 422].map(failFast),
  },
  {
    id: 'A7',
    title: 'Unusual codes: 418, 499, 520–524, 599, 1xx-only then close, 3xx loop',
    cases: [
      failFast(418),
      failFast(499),
      ...[520, 521, 522, 523, 524, 599].map(retriedStatus),
      {
        name: '102 then close',
        target: 'raw',
        raw: [
          { chunks: ['HTTP/1.1 102 Processing\r\n\r\n'] },
          { chunks: ['HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok'] },
        ],
        expect: retried,
      },
      {
        // One call: the client follows its redirects (fetch 20, axios 21 requests), then Staunch
        // fails fast instead of running the loop again.
        name: '302 to itself',
        steps: [{ status: 302, headers: { location: './' } }],
        expect: { arrivals: [20, 22], outcome: 'RetriesExhausted network' },
      },
    ],
  },
  {
    id: 'A8',
    title: 'x-should-retry: true on a 400, false on a 503',
    cases: [
      { ...then200('true on 400', { status: 400, headers: { 'x-should-retry': 'true' } }, retried), policy: obeying },
      {
        ...then200('false on 503', { status: 503, headers: { 'x-should-retry': 'false' } }, once('Http 503')),
        policy: obeying,
      },
      // Only policies that opt in (openai, anthropic) obey it; the default lets the status decide.
      then200('ignored by default', { status: 503, headers: { 'x-should-retry': 'false', ...soon } }, retried),
    ],
  },
  {
    id: 'A9',
    title: '200 whose JSON is an error object; 200 SSE stream with an error event',
    cases: [
      { name: '200 error JSON', steps: [{ status: 200, body: '{"error":{"message":"x"}}' }], expect: once('200') },
      {
        name: '200 SSE error event',
        steps: [sseStep(['{"choices":[{"delta":{"content":"a"}}]}'], 'error-event')],
        // fetch and ky guard the stream they return; the catalogue reads axios's body as an
        // arraybuffer inside the attempt (its streaming guard is tested in test/streaming).
        expect: { fetch: once('200 Stream:error-event'), ky: once('200 Stream:error-event'), all: once('200') },
      },
    ],
  },
  {
    id: 'B10',
    title: 'Retry-After values: valid seconds waited, invalid ones fall back to backoff, long ones fail fast',
    cases: [
      hint('retry-after', '0', retried),
      hint('retry-after', '1', retried),
      hint('retry-after', '120', tooLong),
      hint('retry-after', ' 120 ', tooLong),
      ...['120abc', '1.5', '-3', '+3', '1e3', '', 'NaN', 'Infinity'].map((v) => hint('retry-after', v, retried)),
    ],
  },
  {
    id: 'B11',
    title: 'IMF-fixdate in the past, now, +30 s (with maxRetryAfterMs 10 s), +40 days',
    cases: [
      dated('past', -60_000, retried),
      dated('now', 0, retried),
      dated('+30 s', 30_000, tooLong, { maxRetryAfterMs: 10_000, backoff: { baseMs: 1, capMs: 5 } }),
      dated('+40 days', 40 * dayMs, tooLong),
    ],
  },
  {
    id: 'B12',
    title: 'RFC 850 and asctime dates',
    cases: [
      hint('retry-after', 'Sunday, 06-Nov-94 08:49:37 GMT', retried),
      hint('retry-after', 'Sun Nov  6 08:49:37 1994', retried),
    ],
  },
  {
    id: 'B13',
    title: 'Invalid dates fall back to backoff',
    cases: [
      'Wed, 31 Feb 2026 00:00:00 GMT',
      'Mon, 01 Jan 2100 00:00:00 GMT',
      'Wed, 01 Jan 2100 00:00:00 GMT+1',
      'garbage',
    ].map((v) => hint('retry-after', v, retried)),
  },
  {
    id: 'B14',
    title: 'Multiple values, duplicated header lines, mixed-case names',
    cases: [
      hint('retry-after', '5, 10', retried),
      {
        name: 'two Retry-After lines',
        target: 'raw',
        raw: [
          {
            chunks: [
              'HTTP/1.1 429 Too Many Requests\r\nRetry-After: 120\r\nRetry-After: 120\r\ncontent-length: 0\r\n\r\n',
            ],
          },
        ],
        expect: { arrivals: 1, outcome: ['RetryAfterTooLong 429', 'RetriesExhausted 429'] },
      },
      {
        name: 'RETRY-AFTER upper case',
        target: 'raw',
        raw: [{ chunks: ['HTTP/1.1 429 Too Many Requests\r\nRETRY-AFTER: 120\r\ncontent-length: 0\r\n\r\n'] }],
        expect: once('RetryAfterTooLong 429'),
      },
    ],
  },
  {
    id: 'B15',
    title: 'retry-after-ms and Retry-After disagreeing; x-amz-retry-after style ms header',
    cases: [
      then200('ms wins', { status: 429, headers: { 'retry-after-ms': '1', 'retry-after': '120' } }, retried),
      hint('x-amz-retry-after', '1', retried),
    ],
  },
  {
    id: 'B16',
    title: 'Reset headers (OpenAI preset, Go durations) with nothing remaining',
    cases: [
      ['12ms', retried],
      ['6m0s', tooLong],
      ['1h2m3.5s', tooLong],
      ['-1', retried],
      ['0', retried],
    ].map(([value, expect]) => ({
      ...hint('x-ratelimit-reset-requests', value as string, expect as Expectation),
      policy: openai,
      steps: [
        {
          status: 429,
          // A body without "try again in …": the body's wait ranks above reset headers.
          body: '{"error":{"message":"Rate limit reached.","type":"requests","code":"rate_limit_exceeded"}}',
          headers: {
            'x-ratelimit-limit-requests': '60',
            'x-ratelimit-remaining-requests': '0',
            'x-ratelimit-reset-requests': value as string,
          },
        },
        { status: 200 },
      ],
    })),
  },
  {
    id: 'B17',
    title: '9999999999 seconds; a 400-digit number',
    cases: [hint('retry-after', '9999999999', tooLong), hint('retry-after', '9'.repeat(400), tooLong)],
  },
];
