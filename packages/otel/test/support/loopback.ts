import { type FaultServer, startFaultServer } from '@staunch/testing';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type Sdk, startSdk } from './otel-sdk.js';

/** The file's fault server and SDK: started before its tests, spans cleared before each, stopped after. */
export function loopbackWithSdk(): { readonly server: FaultServer; readonly sdk: Sdk } {
  let server: FaultServer | undefined;
  let sdk: Sdk | undefined;
  beforeAll(async () => {
    server = await startFaultServer();
    sdk = startSdk();
  });
  afterAll(async () => {
    await server?.close();
    await sdk?.shutdown();
  });
  beforeEach(() => sdk?.reset());
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('used before beforeAll ran');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get sdk() {
      return started(sdk);
    },
  };
}
