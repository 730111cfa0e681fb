import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const fixtures = join(import.meta.dirname, '..', 'fixtures');

export interface TlsServer {
  readonly url: string;
  /** TCP connections accepted: each is one TLS handshake attempt. */
  readonly handshakes: number;
  close(): Promise<void>;
}

/** An HTTPS server on 127.0.0.1 with the committed self-signed certificate, which clients reject. */
export async function startTlsServer(): Promise<TlsServer> {
  const server = createServer({
    key: readFileSync(join(fixtures, 'self-signed.key')),
    cert: readFileSync(join(fixtures, 'self-signed.crt')),
  });
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
