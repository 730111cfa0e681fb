// Strict options and the policy chosen by host, through ky against a loopback server.
import { isConfigError, isHttpError } from '@staunch/core';
import { type FaultServer, startFaultServer } from '@staunch/testing';
import ky from 'ky';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { kyOptions, staunchKy } from '../src/index.js';

let faults: FaultServer;
beforeAll(async () => {
  faults = await startFaultServer();
});
afterAll(() => faults.close());

function configError(make: () => unknown): { field: string; message: string } {
  try {
    make();
  } catch (error) {
    if (isConfigError(error)) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

test('a misspelt option is a ConfigError naming it and the nearest known option', () => {
  const viaKy = configError(() => staunchKy(ky, { polcy: 'openai' } as never));
  expect(viaKy.field).toBe('polcy');
  expect(viaKy.message).toMatch(/unknown option of staunchKy\(\)\. Did you mean `policy`\?/);
  expect(configError(() => kyOptions({ typedError: true } as never)).message).toMatch(
    /of kyOptions\(\)\. Did you mean `typedErrors`\?/,
  );
  expect(configError(() => kyOptions({ policy: 'opneai' })).message).toMatch(/Did you mean `openai`\?/);
  expect(() => kyOptions({ policy: 'openai', typedErrors: true, idleTimeoutMs: 1000, hosts: undefined })).not.toThrow();
});

test('with no policy, the host map picks the preset per request', async () => {
  faults.script('ky-host', [{ status: 403, body: '{"error":{"message":"long"}}' }]);
  const host = new URL(faults.url).host;
  const api = staunchKy(ky, { hosts: { [host]: 'together' }, typedErrors: true, throttle: false });
  const error = await api.post(`${faults.url}/s/ky-host/v1/chat/completions`, { json: {} }).catch((e) => e);
  expect(isHttpError(error)).toBe(true);
  expect(error).toMatchObject({ provider: 'together', reason: 'context-length' });
  faults.script('ky-default', [{ status: 403, body: '{"error":{"message":"no"}}' }]);
  const plain = staunchKy(ky, { typedErrors: true, throttle: false });
  const other = await plain.post(`${faults.url}/s/ky-default/v1/chat/completions`, { json: {} }).catch((e) => e);
  expect(other).toMatchObject({ provider: 'default', reason: 'permission' });
});
