// §9.2 C24: a server whose TLS certificate the client rejects (self-signed, on 127.0.0.1) is a
// configuration problem, not a transient one: every adapter fails it after one handshake, with
// the base-URL hint, instead of retrying.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { attachStaunch, staunchErrorOf } from '@staunch/axios';
import { isStaunchError } from '@staunch/core';
import { createFetch } from '@staunch/fetch';
import { staunchKy } from '@staunch/ky';
import axios from 'axios';
import ky from 'ky';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';

const fixtures = join(import.meta.dirname, '..', 'fixtures');
let server: Server;
let url = '';
let handshakes = 0;

beforeAll(async () => {
  server = createServer({
    key: readFileSync(join(fixtures, 'self-signed.key')),
    cert: readFileSync(join(fixtures, 'self-signed.crt')),
  });
  // Every connection attempt reaches the TLS layer; a rejected certificate ends it there.
  server.on('connection', () => {
    handshakes += 1;
  });
  server.on('request', (_request, response) => response.end('{"ok":true}'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  handshakes = 0;
});

const policy = { backoff: { baseMs: 1, capMs: 5 } };
const options = { policy, throttle: false, retryGate: false } as const;

describe.each([
  ['fetch', () => createFetch({ ...options, throwHttpErrors: true })(url)],
  ['ky', () => staunchKy(ky, { ...options, typedErrors: true }).get(url)],
  [
    'axios',
    () => {
      const instance = axios.create();
      attachStaunch(instance, { ...options, typedErrors: true });
      return instance.get(url);
    },
  ],
] as const)('%s', (_name, call) => {
  test('fails after one handshake with a typed error naming the fix', async () => {
    const error = await (call() as Promise<unknown>).then(
      () => undefined,
      (caught: unknown) => staunchErrorOf(caught) ?? caught,
    );
    expect(isStaunchError(error)).toBe(true);
    expect(error).toMatchObject({ attempts: 1, reason: 'network' });
    expect((error as { hint?: string }).hint).toMatch(/certificate/);
    expect(handshakes).toBe(1);
  });
});
