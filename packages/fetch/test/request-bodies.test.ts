// Bodies on retry, against a real loopback server that hashes what it receives: replayable
// bodies arrive byte-identical on every attempt; a stream is sent once, never re-sent empty.
import { createHash } from 'node:crypto';
import { type FaultServer, startFaultServer } from '@staunch/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createFetch } from '../src/index.js';

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());

const fetch = createFetch({ policy: { backoff: { baseMs: 1, capMs: 5 } }, throttle: false });
const TEXT = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'héllo ✓' }] });

function formData(): FormData {
  const form = new FormData();
  form.set('purpose', 'fine-tune');
  form.set('file', new Blob(['{"a":1}\n'], { type: 'application/jsonl' }), 'train.jsonl');
  return form;
}

const REPLAYABLE: ReadonlyArray<[string, () => RequestInit['body']]> = [
  ['string', () => TEXT],
  ['Uint8Array', () => new TextEncoder().encode(TEXT)],
  ['ArrayBuffer', () => new TextEncoder().encode(TEXT).buffer as ArrayBuffer],
  ['DataView', () => new DataView(new TextEncoder().encode(TEXT).buffer as ArrayBuffer)],
  ['Blob', () => new Blob([TEXT], { type: 'application/json' })],
  ['URLSearchParams', () => new URLSearchParams({ q: 'a b', n: '1' })],
  ['FormData', formData],
];

describe.each(REPLAYABLE)('%s body', (kind, make) => {
  test('arrives byte-identical on each of three attempts', async () => {
    const id = `body-${kind}`;
    server.script(id, [{ status: 503 }, { status: 500 }, { status: 200 }]);
    const response = await fetch(`${server.url}/s/${id}/`, { method: 'POST', body: make() });
    expect(response.status).toBe(200);
    const seen = server.requests(id);
    expect(seen).toHaveLength(3);
    expect(seen[0]?.bodyBytes).toBeGreaterThan(0);
    expect(new Set(seen.map((request) => request.bodySha256)).size).toBe(1);
    expect(new Set(seen.map((request) => request.headers['content-type'])).size).toBe(1);
  });
});

test('the bytes are the ones the caller gave', async () => {
  server.script('exact', [{ status: 503 }, { status: 200 }]);
  await fetch(`${server.url}/s/exact/`, { method: 'POST', body: TEXT });
  const expected = createHash('sha256').update(TEXT).digest('hex');
  expect(server.requests('exact').map((request) => request.bodySha256)).toEqual([expected, expected]);
});

test('a ReadableStream body is sent once and its failure returned, not re-sent empty', async () => {
  server.script('stream', [{ status: 503 }, { status: 200 }]);
  const bytes = new TextEncoder().encode(TEXT);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
  const init = { method: 'POST', body: stream, duplex: 'half' } as RequestInit;
  const response = await fetch(`${server.url}/s/stream/`, init);
  expect(response.status).toBe(503);
  expect(server.arrivals('stream')).toBe(1);
  expect(server.requests('stream')[0]?.bodyBytes).toBe(bytes.byteLength);
});

test('a Request object is cloned per attempt, so its body is replayed', async () => {
  server.script('request', [{ status: 503 }, { status: 200 }]);
  const request = new Request(`${server.url}/s/request/`, { method: 'POST', body: TEXT });
  const response = await fetch(request);
  expect(response.status).toBe(200);
  const seen = server.requests('request');
  expect(seen.map((r) => r.bodyBytes)).toEqual([Buffer.byteLength(TEXT), Buffer.byteLength(TEXT)]);
});

test('a Request whose body was already used is attempted once', async () => {
  server.script('used', [{ status: 503 }, { status: 200 }]);
  const request = new Request(`${server.url}/s/used/`, { method: 'POST', body: TEXT });
  await request.text();
  const outcome = await fetch(request).then(
    (response) => response.status,
    (error: unknown) => error,
  );
  expect(server.arrivals('used')).toBeLessThanOrEqual(1);
  expect(outcome).not.toBe(200);
});
