import { expect, it } from 'vitest';
import * as otel from './index.js';

// The public surface is explicit: a change to it shows here as a snapshot diff.
it('exports exactly these runtime names', () => {
  expect(Object.keys(otel).sort()).toMatchInlineSnapshot(`
    [
      "DEFAULT_REDACTED_QUERY_KEYS",
      "INSTRUMENTATION_NAME",
      "instrument",
      "redactUrl",
    ]
  `);
});
