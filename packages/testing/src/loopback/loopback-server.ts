import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A `node:http` server bound to 127.0.0.1 that knows its sockets, so closing never hangs. */
export interface LoopbackServer {
  readonly url: string;
  readonly server: Server;
  /** Sockets accepted since start. */
  readonly connections: number;
  /** Stops listening and destroys every open socket, idle or mid-response. Idempotent. */
  close(): Promise<void>;
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** Loopback only: test servers must never be reachable from another host. */
const LOOPBACK_HOST = '127.0.0.1';

export async function startLoopbackServer(handler: RequestHandler, port = 0): Promise<LoopbackServer> {
  const server = createServer(handler);
  const sockets = new Set<Socket>();
  let connections = 0;
  server.on('connection', (socket) => {
    connections++;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port: bound } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${LOOPBACK_HOST}:${bound}`,
    server,
    get connections() {
      return connections;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        // `close` waits for open sockets, so destroy them first; the callback then fires promptly.
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
