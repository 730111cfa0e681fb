import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type * as KyModule from 'ky';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { kyOptions } from '../src/index.js';

// nodejs/node#57736: ky joins the caller's signal with its own through AbortSignal.any and keeps
// neither once it has the response. An AbortSignal.timeout() nobody else holds can then be
// collected before it fires, and a body that stopped arriving is read for ever. @staunch/ky keeps
// it alive with the body (ky 1: from the joined signal; ky 2: from its `init` hook).
const gc = (globalThis as { gc?: () => void }).gc;
const NODE_MAJOR = Number(process.versions.node.split('.')[0]);
const VERSIONS = [
  { name: 'ky 1', load: () => import('ky'), minNode: 0 },
  { name: 'ky 2', load: () => import('ky2') as unknown as Promise<typeof KyModule>, minNode: 22 },
];

let server: Server;
let url: string;
beforeAll(async () => {
  // Headers and the start of a body promised 1000 bytes long, then silence.
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
    res.write('{"choices":[');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe.each(VERSIONS)('$name', ({ load, minNode }) => {
  test.skipIf(NODE_MAJOR < minNode)('an AbortSignal.timeout() nobody holds still ends the body read', async () => {
    if (gc === undefined) throw new Error('run with --expose-gc (vitest.config.ts passes it)');
    const { default: ky } = await load();
    const api = ky.create(kyOptions({ throttle: false, retryGate: false }));
    const collect = setInterval(gc, 10);
    try {
      // A getter, so this frame never holds the signal: only ky and Staunch see it.
      const response = await api(url, {
        get signal() {
          return AbortSignal.timeout(300);
        },
      } as KyModule.Options);
      const read = response.arrayBuffer().then(
        () => 'read',
        (error: unknown) => (error as Error).name,
      );
      const hung = new Promise((resolve) => setTimeout(() => resolve('still reading after 3 s'), 3000));
      expect(await Promise.race([read, hung])).toBe('TimeoutError');
    } finally {
      clearInterval(collect);
    }
  });
});
