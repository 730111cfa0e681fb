import { expect, test } from 'vitest';
import * as api from '../src/index.js';

test('the public surface', () => {
  expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
    [
      "MAX_BUFFERED_BODY_BYTES",
      "staunch",
    ]
  `);
});
