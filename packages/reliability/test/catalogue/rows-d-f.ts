import { sseStep } from '../streaming/sse-frames.js';
import {
  abortDuringBodyRead,
  abortInThrottleWait,
  abortWithReasonObject,
  unreferencedTimeoutDuringBodyRead,
} from './abort-cases.js';
import type { Case, Expectation, Row } from './row.js';
import { abortMidStream, callerStopsReading, stallAfterFirstEvent } from './stream-cases.js';

// Groups D (streaming), E (request bodies) and F (cancellation, deadlines) of reliability.md §9.2.
const soon = { 'retry-after-ms': '1' };
const retried: Expectation = { arrivals: 2, outcome: '200' };
const events = ['{"choices":[{"delta":{"content":"Hel"}}]}', '{"choices":[{"delta":{"content":"lo"}}]}'];

function body(kind: NonNullable<Case['body']>, expect: Expectation, sameBody = false): Case {
  return { name: `${kind}`, body: kind, steps: [{ status: 503, headers: soon }, { status: 200 }], expect, sameBody };
}
const sentOnce: Expectation = { arrivals: 1, outcome: 'RetriesExhausted 503' };

export const ROWS_D_F: readonly Row[] = [
  {
    id: 'D28',
    title: 'Stream dies before the first event: retry allowed',
    cases: [
      {
        name: 'reset before the first byte',
        steps: [sseStep([], 'reset'), { sse: { events } }],
        // fetch and ky commit at the first byte (core's commitStream); this table's axios reads
        // the body as an arraybuffer inside the attempt, so it retries for the same reason.
        expect: retried,
      },
    ],
  },
  {
    id: 'D29',
    title: 'Stream dies after N events: no silent retry, partial flagged',
    cases: [
      {
        name: 'reset after 2 events',
        steps: [sseStep(events, 'reset'), { sse: { events } }],
        expect: {
          all: { arrivals: 1, outcome: '200 Stream:interrupted' },
          // This table's axios buffers whole bodies (arraybuffer): the caller saw nothing of the first
          // attempt, so a retry splices nothing. With responseType 'stream' axios commits at the first
          // byte like fetch and ky (packages/reliability/test/streaming/commit-point.test.ts).
          axios: retried,
        },
      },
    ],
  },
  {
    id: 'D30',
    title: 'Stream stalls (no bytes for longer than the idle limit)',
    cases: [
      {
        name: 'one event, then silence (virtual clock)',
        run: stallAfterFirstEvent,
        expect: { arrivals: 1, outcome: 'first event read, waited, Stream:stalled partial' },
      },
    ],
  },
  {
    id: 'D31',
    title: 'Caller aborts mid-stream; caller stops reading (back-pressure)',
    cases: [
      { name: 'abort after the first event', run: abortMidStream, expect: { arrivals: 1, outcome: 'caller reason' } },
      {
        name: 'stop reading a 256 MB stream',
        run: callerStopsReading,
        expect: { arrivals: 1, outcome: 'server held back' },
      },
    ],
  },
  {
    id: 'E32',
    title: 'ReadableStream / Node Readable / async iterator body: sent once',
    cases: [body('stream', sentOnce), body('async-iterator', sentOnce)],
  },
  {
    id: 'E33',
    title: 'Blob, FormData, URLSearchParams, string, Uint8Array: re-sent byte-identical',
    cases: [
      body('blob', retried, true),
      body('form-data', retried, true),
      body('url-search-params', retried, true),
      body('json', retried, true),
      body('bytes', retried, true),
    ],
  },
  {
    id: 'E34',
    title: 'A Request whose body was already used (axios: a Node stream already read to its end)',
    cases: [
      {
        name: 'used Request',
        body: 'used-request',
        steps: [{ status: 200 }],
        expect: {
          // fetch rejects a used Request (one attempt: its body cannot be replayed); ky cannot even
          // build its Request from one; axios's adapter refuses a used stream instead of sending it empty.
          fetch: { arrivals: 0, outcome: 'RetriesExhausted network' },
          all: { arrivals: 0, outcome: 'native TypeError' },
        },
      },
    ],
  },
  {
    id: 'E35',
    title: '50 MB JSON body: replayed whole',
    cases: [body('big-json', retried, true)],
  },
  {
    id: 'F36',
    title: 'Signal aborted before the call',
    // axios checks the signal itself before any adapter runs, and throws its own CanceledError.
    cases: [
      {
        name: 'pre-aborted',
        abort: 'before',
        steps: [{ status: 200 }],
        expect: { all: { arrivals: 0, outcome: 'Aborted' }, axios: { arrivals: 0, outcome: 'native CanceledError' } },
      },
    ],
  },
  {
    id: 'F37',
    title: 'Abort during backoff, during a throttle wait, during connect, during the body read',
    // One case collects garbage every 10 ms: alone, it slows no other row.
    serial: true,
    cases: [
      {
        name: 'during a 30 s wait',
        abort: 500,
        steps: [{ status: 429, headers: { 'retry-after': '30' } }],
        expect: { arrivals: 1, outcome: 'Aborted' },
      },
      { name: 'during connect', abort: 500, target: 'silent', expect: { arrivals: 1, outcome: 'Aborted' } },
      { name: 'during a throttle wait', run: abortInThrottleWait, expect: { arrivals: 0, outcome: 'Aborted' } },
      {
        name: 'during the body read',
        run: abortDuringBodyRead,
        expect: {
          all: { arrivals: 1, outcome: '200 body-error, prompt' },
          axios: { arrivals: 1, outcome: 'Aborted, prompt' },
        },
      },
      {
        name: 'during the body read, from an AbortSignal.timeout nobody holds (GC every 10 ms)',
        run: unreferencedTimeoutDuringBodyRead,
        expect: {
          // ky joins the caller's signal with its own through AbortSignal.any and keeps neither once
          // it returns the response (plain ky hangs here); @staunch/ky keeps the caller's alive.
          all: { arrivals: 1, outcome: '200 body-error' },
          axios: { arrivals: 1, outcome: 'Aborted' },
        },
      },
    ],
  },
  {
    id: 'F38',
    title: 'AbortSignal.timeout(1); AbortSignal.any',
    cases: [
      {
        name: 'timeout(1) on a hang',
        abort: 'timeout-1',
        steps: [{ fault: 'hang' }],
        expect: { arrivals: [0, 1], outcome: 'Aborted' },
      },
      {
        name: 'any([aborted, live])',
        abort: 'any',
        steps: [{ status: 200 }],
        expect: { all: { arrivals: 0, outcome: 'Aborted' }, axios: { arrivals: 0, outcome: 'native CanceledError' } },
      },
    ],
  },
  {
    id: 'F39',
    title: 'Deadline shorter than Retry-After; deadline shorter than one attempt',
    cases: [
      {
        name: 'Retry-After 10 s, deadline 3 s',
        policy: { timeoutMs: 3000 },
        steps: [{ status: 429, headers: { 'retry-after': '10' } }],
        expect: { arrivals: 1, outcome: 'RetryAfterTooLong 429' },
      },
      {
        name: 'hang, deadline 2 s',
        policy: { timeoutMs: 2000 },
        steps: [{ fault: 'hang' }],
        expect: { arrivals: 1, outcome: 'Deadline' },
      },
    ],
  },
  {
    id: 'F40',
    title: 'Abort with a custom reason object is preserved as cause',
    cases: [
      {
        name: 'a plain object as reason, during a 30 s wait',
        run: abortWithReasonObject,
        expect: { arrivals: 1, outcome: 'Aborted, cause is the reason' },
      },
    ],
  },
];
