import { Readable } from 'node:stream';
import type { BodyKind } from './row.js';

export const JSON_BODY = JSON.stringify({ model: 'catalogue-model', messages: [{ role: 'user', content: 'héllo' }] });
/** §9.2 E35: 50 MB, the size at which a retry buffer limit would show. */
const BIG_BYTES = 50 * 1024 * 1024;

let big: string | undefined;
function bigJson(): string {
  big ??= `{"model":"catalogue-model","pad":"${'x'.repeat(BIG_BYTES)}"}`;
  return big;
}

const chunks = (): string[] => ['{"model":', '"catalogue-model"}'];

async function* generate(): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  for (const chunk of chunks()) yield encoder.encode(chunk);
}

function webStream(): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks()) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

function formData(): FormData {
  const form = new FormData();
  form.append('model', 'catalogue-model');
  form.append('file', new Blob(['hello'], { type: 'text/plain' }), 'a.txt');
  return form;
}

/** The body for fetch and ky (anything `new Request` takes; async iterables need `duplex: 'half'`). */
export function webBody(kind: BodyKind): unknown {
  switch (kind) {
    case 'json':
      return JSON_BODY;
    case 'big-json':
      return bigJson();
    case 'stream':
      return webStream();
    case 'async-iterator':
      return generate();
    case 'blob':
      return new Blob([JSON_BODY], { type: 'application/json' });
    case 'form-data':
      return formData();
    case 'url-search-params':
      return new URLSearchParams({ model: 'catalogue-model', q: 'a b' });
    case 'bytes':
      return new TextEncoder().encode(JSON_BODY);
    default:
      return undefined;
  }
}

/**
 * The body for axios: Node streams for streams (axios takes no web streams or async iterables),
 * and for a used body (axios takes no Request) a Node stream already read to its end.
 */
export async function axiosBody(kind: BodyKind): Promise<unknown> {
  if (kind === 'stream' || kind === 'async-iterator') return Readable.from(chunks());
  if (kind === 'used-request') {
    const used = Readable.from(chunks());
    for await (const _chunk of used) {
      // read to the end, as a caller that logged the body first would
    }
    return used;
  }
  return webBody(kind);
}
