import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { SELF_SIGNED_CERT, SELF_SIGNED_KEY } from '@staunch/testing';

export interface TlsServer {
  readonly url: string;
  /** TCP connections accepted: each is one TLS handshake attempt. */
  readonly handshakes: number;
  close(): Promise<void>;
}

/** An HTTPS server on 127.0.0.1 with @staunch/testing's self-signed certificate, which clients reject. */
export async function startTlsServer(): Promise<TlsServer> {
  const server = createServer({ key: SELF_SIGNED_KEY, cert: SELF_SIGNED_CERT });
  let handshakes = 0;
  server.on('connection', () => {
    handshakes += 1;
  });
  server.on('request', (_request, response) => response.end('{"ok":true}'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`,
    get handshakes() {
      return handshakes;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
