import { createSecureServer, type Http2Session, type IncomingHttpHeaders } from 'node:http2';
import type { AddressInfo, Socket } from 'node:net';
import { SELF_SIGNED_CERT, SELF_SIGNED_KEY } from '../loopback/self-signed.js';
import { answerStream } from './answer-stream.js';
import type { H2FaultServer, H2Request, H2Step } from './types.js';

/** Loopback only: test servers must never be reachable from another host. */
const LOOPBACK_HOST = '127.0.0.1';
const PATH_ID = /^\/s\/([^/?#]+)/;

/** The script a request belongs to: header `x-test-id`, else path `/s/<id>/…`, else `''`. */
function scriptId(headers: IncomingHttpHeaders): string {
  const header = headers['x-test-id'];
  if (typeof header === 'string' && header.length > 0) return header;
  const match = PATH_ID.exec(headers[':path'] ?? '');
  return match?.[1] === undefined ? '' : decodeURIComponent(match[1]);
}

/**
 * An HTTP/2-only server (TLS with its own self-signed certificate, no HTTP/1.1 fallback) on
 * 127.0.0.1 that answers each request stream as a script says: a status, a GOAWAY for a stream it
 * never processed, or an RST_STREAM (reliability.md §9.2 C26).
 */
export async function startH2FaultServer(): Promise<H2FaultServer> {
  const scripts = new Map<string, readonly H2Step[]>();
  const counts = new Map<string, number>();
  const records: H2Request[] = [];
  const sockets = new Set<Socket>();
  const sessions = new Map<Http2Session, number>();

  const server = createSecureServer({ key: SELF_SIGNED_KEY, cert: SELF_SIGNED_CERT, allowHTTP1: false });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  let opened = 0;
  server.on('session', (session) => {
    sessions.set(session, ++opened);
    // A client that goes away mid-stream is expected here; never let it crash the test process.
    session.on('error', () => session.destroy());
    session.once('close', () => sessions.delete(session));
  });
  server.on('stream', (stream, headers) => {
    stream.on('error', () => stream.destroy());
    const id = scriptId(headers);
    const attempt = (counts.get(id) ?? 0) + 1;
    counts.set(id, attempt);
    const steps = scripts.get(id);
    records.push(
      Object.freeze({
        id,
        attempt,
        method: headers[':method'] ?? 'GET',
        path: headers[':path'] ?? '/',
        stream: stream.id ?? 0,
        alpnProtocol: stream.session?.alpnProtocol ?? '',
        session: stream.session === undefined ? 0 : (sessions.get(stream.session) ?? 0),
      }),
    );
    // The last step repeats, so a script of one step answers every arrival the same way.
    answerStream(stream, steps === undefined ? {} : (steps[Math.min(attempt, steps.length) - 1] ?? {}));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `https://${LOOPBACK_HOST}:${port}`,
    ca: SELF_SIGNED_CERT,
    script(id, steps) {
      if (steps.length === 0) throw new TypeError(`Expected \`steps\` for script "${id}" to hold at least one step`);
      scripts.set(id, [...steps]);
      counts.delete(id);
    },
    arrivals: (id) => counts.get(id) ?? 0,
    requests: (id) => (id === undefined ? [...records] : records.filter((r) => r.id === id)),
    get sessions() {
      return opened;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        // `close` waits for open sessions, so destroy them and their sockets first.
        server.close(() => resolve());
        for (const session of sessions.keys()) session.destroy();
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
