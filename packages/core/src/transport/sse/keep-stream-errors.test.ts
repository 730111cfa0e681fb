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
class ChromiumLikeResponse extends Response {
  override async text(): Promise<string> {
    throw new TypeError('Failed to fetch');
  }
  override async json(): Promise<unknown> {
    throw new TypeError('Failed to fetch');
  }
}

describe('keepStreamErrors', () => {
  test.each(['text', 'json', 'arrayBuffer', 'bytes'] as const)('%s() rejects with the stream’s own error', async (method) => {
    const error = new Broke('the stream broke off');
    const response = keepStreamErrors(new ChromiumLikeResponse(failingBody(error)));
    await expect(response[method]()).rejects.toBe(error);
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
