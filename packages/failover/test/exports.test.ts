import { expect, test } from 'vitest';
import * as surface from '../src/index.js';

// The public surface, by name: a change here is a visible diff in review.
test('exports', () => {
  expect(Object.keys(surface).sort()).toMatchInlineSnapshot(`
    [
      "Breaker",
      "CREDENTIAL_HEADERS",
      "DEFAULT_BREAKER_OPTIONS",
      "FAILOVER_OPTION_KEYS",
      "FailoverError",
      "adapterEvents",
      "createRouter",
      "isBreakerShare",
      "isFailoverError",
      "keyPlacementFor",
      "mergeEngineEvents",
      "resolveBreakerOptions",
      "routeOf",
      "routerFromOptions",
    ]
  `);
});
