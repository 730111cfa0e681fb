import { Readable } from 'node:stream';
import { attachStaunch } from '@staunch/axios';
import { isDeadlineError, type PolicyInput } from '@staunch/core';
import { createFetch } from '@staunch/fetch';
import { kyOptions } from '@staunch/ky';
import axios, { AxiosError } from 'axios';
import ky, { HTTPError, TimeoutError } from 'ky';
import { type NativeOutcome, type Outcome, typedOutcome } from './outcome.js';

/** One request of a scenario, sent the same way through each adapter. */
export interface Call {
  readonly url: string;
  readonly testId: string;
  readonly policy: PolicyInput;
  readonly body: 'none' | 'json' | 'stream';
  readonly signal: AbortSignal | undefined;
  /** The reason the scenario aborts with, to recognise it in native mode. */
  readonly abortReason: unknown;
}

export interface AdapterUnderTest {
  readonly name: string;
  typed(call: Call): Promise<Outcome>;
  native(call: Call): Promise<NativeOutcome>;
}

const JSON_BODY = JSON.stringify({ model: 'conformance-model', messages: [{ role: 'user', content: 'héllo' }] });
const headers = (call: Call) => ({ 'x-test-id': call.testId, 'content-type': 'application/json' });
const method = (call: Call) => (call.body === 'none' ? 'GET' : 'POST');
const streamChunks = () => ['{"model":', '"conformance-model"}'];

function webStream(): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of streamChunks()) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

/** A transport error that is neither an abort nor a deadline. */
function failed(error: unknown, call: Call, isDeadline: boolean): NativeOutcome {
  if (error === call.abortReason || (error instanceof AxiosError && axios.isCancel(error)))
    return { failed: 'aborted' };
  if (isDeadline) return { failed: 'deadline' };
  if (error instanceof TypeError || (error instanceof AxiosError && error.response === undefined)) {
    return { failed: 'network' };
  }
  return { failed: 'other' };
}

export const fetchAdapter: AdapterUnderTest = {
  name: 'fetch',
  async typed(call) {
    return send(call, true).then(
      (response) => ({ ok: true, status: response.status }),
      (error: unknown) => typedOutcome(error),
    );
  },
  async native(call) {
    return send(call, false).then(
      (response) => ({ response: response.status }),
      (error: unknown) => failed(error, call, isDeadlineError(error)),
    );
  },
};

function send(call: Call, typed: boolean): Promise<Response> {
  const staunchFetch = createFetch({ policy: call.policy, throttle: false, retryGate: false, throwHttpErrors: typed });
  const body = call.body === 'json' ? JSON_BODY : call.body === 'stream' ? webStream() : undefined;
  return staunchFetch(call.url, {
    method: method(call),
    headers: headers(call),
    signal: call.signal ?? null,
    ...(body === undefined ? {} : { body, duplex: 'half' }),
  } as RequestInit).then(async (response) => {
    await response.body?.cancel();
    return response;
  });
}

export const kyAdapter: AdapterUnderTest = {
  name: 'ky',
  async typed(call) {
    return sendKy(call, true).then(
      (status) => ({ ok: true, status }),
      (error: unknown) => typedOutcome(error),
    );
  },
  async native(call) {
    return sendKy(call, false).then(
      (status) => ({ response: status }),
      (error: unknown) =>
        error instanceof HTTPError
          ? { response: error.response.status }
          : failed(error, call, error instanceof TimeoutError),
    );
  },
};

async function sendKy(call: Call, typed: boolean): Promise<number> {
  const api = ky.create(kyOptions({ policy: call.policy, throttle: false, retryGate: false, typedErrors: typed }));
  const body = call.body === 'json' ? JSON_BODY : call.body === 'stream' ? webStream() : undefined;
  const response = await api(call.url, {
    method: method(call),
    headers: headers(call),
    ...(call.signal === undefined ? {} : { signal: call.signal }),
    ...(body === undefined ? {} : { body }),
  });
  await response.body?.cancel();
  return response.status;
}

export const axiosAdapter: AdapterUnderTest = {
  name: 'axios',
  async typed(call) {
    return sendAxios(call, true).then(
      (status) => ({ ok: true, status }),
      (error: unknown) => typedOutcome(error),
    );
  },
  async native(call) {
    return sendAxios(call, false).then(
      (status) => ({ response: status }),
      (error: unknown) => {
        if (error instanceof AxiosError && error.response !== undefined) return { response: error.response.status };
        const deadline = error instanceof AxiosError && isDeadlineError(error.cause);
        return failed(error, call, deadline);
      },
    );
  },
};

async function sendAxios(call: Call, typed: boolean): Promise<number> {
  const instance = axios.create();
  attachStaunch(instance, { policy: call.policy, throttle: false, retryGate: false, typedErrors: typed });
  const data = call.body === 'json' ? JSON_BODY : call.body === 'stream' ? Readable.from(streamChunks()) : undefined;
  const response = await instance.request({
    url: call.url,
    method: method(call),
    headers: headers(call),
    ...(call.signal === undefined ? {} : { signal: call.signal }),
    ...(data === undefined ? {} : { data }),
  });
  return response.status;
}

export const ADAPTERS: readonly AdapterUnderTest[] = [fetchAdapter, kyAdapter, axiosAdapter];
