import { isStreamError } from '@staunch/core';
import { createFetch } from '@staunch/fetch';
import { QUICK } from './cases-fetch.js';
import { type Case, expectEqual, expectTrue, rejection } from './harness.js';

const stream = () => createFetch({ policy: QUICK, throttle: false, retryGate: false });
const EVENT = JSON.stringify({ choices: [{ delta: { content: 'hi' } }] });
const init = {
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
  body: JSON.stringify({ model: 'runtime-model', stream: true, messages: [] }),
};

/** The streaming commit point: before the first byte a failed stream is retried, after it never. */
export const STREAM_CASES: readonly Case[] = [
  {
    name: 'an SSE stream that dies before its first byte is retried',
    async run({ url, script, arrivals }) {
      await script([
        { sse: [], end: 'reset' },
        { sse: [EVENT], end: 'done' },
      ]);
      const text = await (await stream()(url, init)).text();
      expectTrue(
        text.includes('[DONE]') && text.includes('"hi"'),
        `the whole second stream, got ${JSON.stringify(text)}`,
      );
      expectEqual((await arrivals()).length, 2, 'arrivals');
    },
  },
  {
    name: 'an SSE stream that dies after its first event fails its reader, partial, and is not retried',
    async run({ url, script, arrivals }) {
      await script([
        { sse: [EVENT], end: 'reset' },
        { sse: [EVENT], end: 'done' },
      ]);
      const response = await stream()(url, init);
      const error = await rejection(response.text(), 'reading the body');
      expectTrue(isStreamError(error), `a StreamError, got ${String(error)}`);
      expectEqual(isStreamError(error) ? error.partial : undefined, true, 'partial');
      expectEqual((await arrivals()).length, 1, 'arrivals');
    },
  },
];
