import { type ClientHttp2Session, connect, constants } from 'node:http2';
import { request as httpsRequest } from 'node:https';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type H2FaultServer, startH2FaultServer } from '../src/index.js';

interface Answer {
  status?: number;
  body: string;
  /** The stream's RST_STREAM code; 0 when it ended normally. */
  rstCode: number;
}

/** One GET on `session`; settles however the stream ends, never rejects. */
function get(session: ClientHttp2Session, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve) => {
    const stream = session.request({ ':path': path, ...headers });
    let status: number | undefined;
    let body = '';
    stream.on('response', (head) => {
      status = head[':status'];
    });
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      body += chunk;
    });
    stream.on('error', () => {});
    stream.on('close', () =>
      resolve({ ...(status === undefined ? {} : { status }), body, rstCode: stream.rstCode ?? 0 }),
    );
  });
}

let server: H2FaultServer;
const sessions: ClientHttp2Session[] = [];
function open(): ClientHttp2Session {
  const session = connect(server.url, { ca: server.ca });
  session.on('error', () => {});
  sessions.push(session);
  return session;
}

beforeAll(async () => {
  server = await startH2FaultServer();
});
afterEach(() => {
  for (const session of sessions.splice(0)) session.destroy();
});
afterAll(() => server.close());

describe('scripts', () => {
  test('an unscripted request gets 200 {"ok":true} over h2, recorded under the empty id', async () => {
    const answer = await get(open(), '/anything');
    expect(answer).toEqual({ status: 200, body: '{"ok":true}', rstCode: 0 });
    expect(server.requests('')).toMatchObject([{ id: '', attempt: 1, method: 'GET', path: '/anything', stream: 1 }]);
    expect(server.requests('')[0]?.alpnProtocol).toBe('h2');
  });

  test('the n-th arrival gets the n-th step, the last repeats; the path or x-test-id selects it', async () => {
    server.script('seq', [{ status: 503 }, { status: 201, body: 'made', headers: { 'x-a': '1' } }]);
    const session = open();
    const answers = [
      await get(session, '/s/seq/v1/chat/completions'),
      await get(session, '/v1/chat/completions', { 'x-test-id': 'seq' }),
      await get(session, '/s/seq/v1/chat/completions'),
    ];
    expect(answers.map((a) => [a.status, a.body])).toEqual([
      [503, '{"ok":true}'],
      [201, 'made'],
      [201, 'made'],
    ]);
    expect(server.arrivals('seq')).toBe(3);
    expect(server.requests('seq').map((r) => [r.attempt, r.stream, r.session])).toEqual([
      [1, 1, expect.any(Number)],
      [2, 3, server.requests('seq')[0]?.session],
      [3, 5, server.requests('seq')[0]?.session],
    ]);
  });

  test('an empty script is refused', () => {
    expect(() => server.script('empty', [])).toThrow(/at least one step/);
  });
});

describe('faults', () => {
  test.each([
    ['REFUSED_STREAM', constants.NGHTTP2_REFUSED_STREAM],
    ['INTERNAL_ERROR', constants.NGHTTP2_INTERNAL_ERROR],
  ] as const)('rst-stream %s resets the stream with that code, then answers the retry', async (code, rstCode) => {
    server.script(`rst-${code}`, [{ fault: 'rst-stream', code }, { status: 200 }]);
    const session = open();
    expect(await get(session, `/s/rst-${code}/x`)).toEqual({ body: '', rstCode });
    expect((await get(session, `/s/rst-${code}/x`)).status).toBe(200);
    expect(server.arrivals(`rst-${code}`)).toBe(2);
  });

  test('goaway names the stream before the request as the last processed, then closes the session', async () => {
    server.script('away', [{ fault: 'goaway' }, { status: 200 }]);
    const session = open();
    expect((await get(session, '/warm-up')).status).toBe(200);
    const lastStreamIds: number[] = [];
    session.on('goaway', (_code, lastStreamId) => lastStreamIds.push(lastStreamId));
    const closed = new Promise((resolve) => session.once('close', resolve));
    const refused = await get(session, '/s/away/x');
    // Node closes a stream a GOAWAY excluded with REFUSED_STREAM: not processed, safe to retry.
    expect(refused).toEqual({ body: '', rstCode: constants.NGHTTP2_REFUSED_STREAM });
    expect(lastStreamIds[0]).toBe(1);
    await closed;
    expect((await get(open(), '/s/away/x')).status).toBe(200);
    expect(server.requests('away').map((r) => r.stream)).toEqual([3, 1]);
  });

  test("goaway on a session's first stream refuses the stream as well", async () => {
    server.script('away-first', [{ fault: 'goaway' }]);
    const refused = await get(open(), '/s/away-first/x');
    expect(refused).toEqual({ body: '', rstCode: constants.NGHTTP2_REFUSED_STREAM });
  });
});

describe('the connection', () => {
  test("speaks only h2: an HTTP/1.1 client gets Node's 403 and never reaches a script", async () => {
    const before = server.requests().length;
    const status = await new Promise<unknown>((resolve) => {
      const req = httpsRequest(`${server.url}/s/h1/x`, { ca: server.ca }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', resolve);
      req.end();
    });
    expect(status).toBe(403);
    expect(server.requests()).toHaveLength(before);
  });

  test('close() ends open sessions and never hangs', async () => {
    const local = await startH2FaultServer();
    const session = connect(local.url, { ca: local.ca });
    session.on('error', () => {});
    const closed = new Promise((resolve) => session.once('close', resolve));
    const first = new Promise((resolve) => session.request({ ':path': '/' }).on('response', resolve).resume());
    await first;
    expect(local.sessions).toBe(1);
    await local.close();
    await closed;
    await local.close();
  });
});
