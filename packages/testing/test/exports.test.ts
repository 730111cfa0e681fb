import { expect, test } from 'vitest';
import * as testing from '../src/index.js';

// A change to the public surface must show up as a visible diff here.
test('the runtime export names', () => {
  expect(Object.keys(testing).sort()).toMatchInlineSnapshot(`
    [
      "ERROR_STYLES",
      "HINT_STYLES",
      "LIMITER_KINDS",
      "SELF_SIGNED_CERT",
      "SELF_SIGNED_KEY",
      "VirtualClock",
      "closedPortUrl",
      "flushMicrotasks",
      "freePort",
      "hasRedisBinary",
      "startFaultServer",
      "startH2FaultServer",
      "startMockProvider",
      "startRawServer",
      "startRedisServer",
      "startSilentListener",
    ]
  `);
});
