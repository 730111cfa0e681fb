import { describe, expect, test } from 'vitest';
import { measureBundle } from '../src/size/measure-bundle.js';

const KIB = 1024;

/**
 * The size budget (min + gzip) of what an app ships, checked in CI; README's figure comes from
 * here. `createFetch` pulls in the engine, the throttle, every preset (a preset is chosen by
 * name or host at run time) and the failover chain (`targets` is an option of createFetch, about
 * 7 KiB with breakers shared across processes and p95 hedging). Raise a budget only on purpose, with the reason in the commit.
 */
const BUDGETS = [
  {
    name: 'createFetch (core + presets + failover + fetch)',
    code: "export { createFetch } from '@staunch/fetch';",
    kib: 36,
  },
  { name: 'createEngine (core alone)', code: "export { createEngine } from '@staunch/core';", kib: 17 },
] as const;

describe('bundle size, min + gzip', () => {
  test.each(BUDGETS)('$name within $kib KiB', async ({ name, code, kib }) => {
    const size = await measureBundle(code);
    const figure = `${name}: ${(size.minBytes / KIB).toFixed(1)} KiB min, ${(size.gzipBytes / KIB).toFixed(1)} KiB min+gzip`;
    console.log(figure);
    expect(size.gzipBytes, `${figure}, over the ${kib} KiB budget`).toBeLessThanOrEqual(kib * KIB);
  });
});
