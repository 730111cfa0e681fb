import { describe, expect, test } from 'vitest';
import { keepStreamErrors } from './keep-stream-errors.js';

class Broke extends Error {}

/** A body that yields `data` and then fails with `error`, as a guarded stream that broke off does. */
function failingBody(error: Error): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('data: {"a":1}\n\n'));
      controller.error(error);
    },
  });
}

/** Chromium's mixins: any body error becomes a bare TypeError. */
function chromiumLike(body: ReadableStream<Uint8Array>): Response {
  const response = new Response(body);
  const failed = async () => {
    throw new TypeError('Failed to fetch');
  };
  for (const name of ['text', 'json', 'arrayBuffer', 'bytes'])
    Object.defineProperty(response, name, { value: failed, configurable: true });
  return response;
}

type Reader = (response: Response) => Promise<unknown>;
const READERS: Record<string, Reader> = {
  text: (r) => r.text(),
  json: (r) => r.json(),
  arrayBuffer: (r) => r.arrayBuffer(),
  bytes: (r) => (r as Response & { bytes(): Promise<Uint8Array> }).bytes(),
};

describe('keepStreamErrors', () => {
  test.each(Object.keys(READERS))('%s() rejects with the stream’s own error', async (method) => {
    const error = new Broke('the stream broke off');
    const response = keepStreamErrors(chromiumLike(failingBody(error)));
    await expect(READERS[method]?.(response)).rejects.toBe(error);
    expect(response.bodyUsed).toBe(true);
  });

  test('a whole body reads as the mixins would', async () => {
    const make = () => keepStreamErrors(new Response('{"answer":42}'));
    expect(await make().json()).toEqual({ answer: 42 });
    expect(await make().text()).toBe('{"answer":42}');
    expect(new TextDecoder().decode(await make().arrayBuffer())).toBe('{"answer":42}');
  });

  test('a used body cannot be read twice', async () => {
    const response = keepStreamErrors(new Response('x'));
    await response.text();
    await expect(response.text()).rejects.toBeInstanceOf(TypeError);
  });
});
