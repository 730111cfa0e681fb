import type { Readable } from 'node:stream';
import { attachStaunch } from '@staunch/axios';
import type { Clock } from '@staunch/core';
import { createFetch } from '@staunch/fetch';
import { staunchKy } from '@staunch/ky';
import axios from 'axios';
import ky from 'ky';

/** A streamed body as the caller reads it, whatever the adapter hands over. */
export interface OpenedStream {
  /** The next chunk as text; `undefined` at the end; rejects with the error that ended the body. */
  read(): Promise<string | undefined>;
}

export interface StreamRequest {
  readonly url: string;
  /** Sent as `x-test-id` for the fault server. */
  readonly id?: string;
  readonly signal?: AbortSignal;
  readonly clock?: Clock;
  readonly idleTimeoutMs?: number;
}

/** One adapter, sending a streamed chat request the way its users do. */
export interface StreamClient {
  readonly name: 'fetch' | 'ky' | 'axios';
  open(request: StreamRequest): Promise<OpenedStream>;
}

const policy = { backoff: { baseMs: 1, capMs: 5 } };
const BODY = '{"model":"m","stream":true}';
const engine = (request: StreamRequest) => ({
  policy,
  throttle: false as const,
  retryGate: false as const,
  ...(request.clock === undefined ? {} : { clock: request.clock }),
  ...(request.idleTimeoutMs === undefined ? {} : { idleTimeoutMs: request.idleTimeoutMs }),
});
const headers = (request: StreamRequest) => ({
  'content-type': 'application/json',
  ...(request.id === undefined ? {} : { 'x-test-id': request.id }),
});

function webBody(response: Response): OpenedStream {
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  return {
    async read() {
      const chunk = await reader?.read();
      return chunk === undefined || chunk.done ? undefined : decoder.decode(chunk.value, { stream: true });
    },
  };
}

function nodeBody(stream: Readable): OpenedStream {
  const chunks = stream[Symbol.asyncIterator]();
  return {
    async read() {
      const chunk = await chunks.next();
      return chunk.done ? undefined : String(chunk.value);
    },
  };
}

export const STREAM_CLIENTS: readonly StreamClient[] = [
  {
    name: 'fetch',
    async open(request) {
      const init = { method: 'POST', headers: headers(request), body: BODY, signal: request.signal ?? null };
      return webBody(await createFetch(engine(request))(request.url, init));
    },
  },
  {
    name: 'ky',
    async open(request) {
      const api = staunchKy(ky, engine(request));
      const signal = request.signal === undefined ? {} : { signal: request.signal };
      return webBody(await api.post(request.url, { headers: headers(request), body: BODY, ...signal }));
    },
  },
  {
    name: 'axios',
    async open(request) {
      const instance = axios.create();
      attachStaunch(instance, engine(request));
      const signal = request.signal === undefined ? {} : { signal: request.signal };
      const response = await instance.post<Readable>(request.url, BODY, {
        headers: headers(request),
        responseType: 'stream',
        ...signal,
      });
      return nodeBody(response.data);
    },
  },
];

/** Reads a body to the end; resolves with the text read and the error that ended it, if any. */
export async function drain(opened: OpenedStream): Promise<{ text: string; error: unknown }> {
  let text = '';
  try {
    for (let chunk = await opened.read(); chunk !== undefined; chunk = await opened.read()) text += chunk;
    return { text, error: undefined };
  } catch (error) {
    return { text, error };
  }
}
