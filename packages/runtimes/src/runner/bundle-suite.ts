import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ENTRY = fileURLToPath(new URL('../entry/suite-entry.ts', import.meta.url));

/**
 * Bundles the suite with core and the fetch adapter from source into one ESM file for a neutral
 * platform: no Node built-in may sneak in, or the bundle fails to build (and the browser to load).
 */
export async function bundleSuite(): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'staunch-runtimes-'));
  const file = join(dir, 'suite.mjs');
  await build({
    entryPoints: [ENTRY],
    outfile: file,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    conditions: ['@staunch/source'],
    mainFields: ['module', 'main'],
    logLevel: 'error',
  });
  return { dir, file };
}
