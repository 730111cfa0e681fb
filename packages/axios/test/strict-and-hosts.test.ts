// Strict options and the policy chosen by host, through axios against a loopback server.
import { isConfigError, isHttpError } from '@staunch/core';
import { type FaultServer, startFaultServer } from '@staunch/testing';
import axios from 'axios';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { attachStaunch } from '../src/index.js';

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
  const error = configError(() => attachStaunch(axios.create(), { polcy: 'openai' } as never));
  expect(error.field).toBe('polcy');
  expect(error.message).toMatch(/unknown option of attachStaunch\(\)\. Did you mean `policy`\?/);
  // A policy passed directly is checked as a policy, with a policy field suggested.
  expect(configError(() => attachStaunch(axios.create(), { maxAttempt: 3 } as never)).message).toMatch(
    /Did you mean `maxAttempts`\?/,
  );
  expect(configError(() => attachStaunch(axios.create(), { maxAttempts: 3, rulez: {} } as never)).message).toMatch(
    /rulez: unknown option\. Did you mean `rules`\?/,
  );
  expect(
    configError(() => attachStaunch(axios.create(), { typedErrors: true, maxAttempts: 3 } as never)).message,
  ).toMatch(/mixes options \(typedErrors\) with policy fields \(maxAttempts\)/);
  expect(configError(() => attachStaunch(axios.create(), 'togther')).message).toMatch(/Did you mean `together`\?/);
  expect(() => attachStaunch(axios.create(), { maxAttempts: 2 })).not.toThrow();
  expect(() => attachStaunch(axios.create(), {})).not.toThrow();
});

test('with no policy, the host map picks the preset per request (baseURL included)', async () => {
  faults.script('axios-host', [{ status: 403, body: '{"error":{"message":"long"}}' }]);
  const host = new URL(faults.url).host;
  const instance = axios.create({ baseURL: `${faults.url}/s/axios-host/` });
  attachStaunch(instance, { hosts: { [host]: 'together' }, typedErrors: true, throttle: false });
  const error = await instance.post('v1/chat/completions', {}).catch((e) => e);
  expect(isHttpError(error)).toBe(true);
  expect(error).toMatchObject({ provider: 'together', reason: 'context-length' });
});
