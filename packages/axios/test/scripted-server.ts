import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Reply {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  /** Holds the response this long (to exceed a deadline). */
  readonly delayMs?: number;
}

/** A loopback server answering the n-th request with `replies[n]` (the last repeats); it records bodies. */
export async function scriptedServer(replies: readonly Reply[]) {
  const bodies: string[] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    bodies.push(Buffer.concat(chunks).toString('utf8'));
    const reply = replies[Math.min(bodies.length, replies.length) - 1] ?? { status: 200 };
    if (reply.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if (res.destroyed) return;
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(reply.body ?? '{"ok":true}');
  };
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bodies,
    get arrivals() {
      return bodies.length;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
