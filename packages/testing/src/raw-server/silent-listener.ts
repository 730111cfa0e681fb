import { type AddressInfo, createServer, type Socket } from 'node:net';

export interface SilentListener {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** Connections the kernel completed; none is ever read or answered. */
  readonly connections: number;
  close(): Promise<void>;
}

/**
 * A listener that never reads and never answers (reliability.md §9.2 C21). Node's `net` always
 * accepts, and the kernel completes the TCP handshake from the backlog anyway, so to a client
 * this is the "black hole": a connect that succeeds and then silence forever.
 */
export async function startSilentListener(): Promise<SilentListener> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer({ pauseOnConnect: true }, (socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('error', () => {});
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    get connections() {
      return connections;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}

/** A loopback URL where nothing listens (ECONNREFUSED): a port bound, then released. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
