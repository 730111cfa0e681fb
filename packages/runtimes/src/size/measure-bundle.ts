import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** What an app ships for one import: minified, then gzipped at level 9. */
export interface BundleSize {
  readonly minBytes: number;
  readonly gzipBytes: number;
}

const HERE = fileURLToPath(new URL('.', import.meta.url));

/**
 * Bundles `code` (e.g. `export { createFetch } from '@staunch/fetch'`) as an app's bundler would:
 * tree-shaken, minified, for a neutral platform, from the workspace sources (tsdown's output is
 * the same modules unminified), and measures it.
 */
export async function measureBundle(code: string): Promise<BundleSize> {
  const result = await build({
    stdin: { contents: code, resolveDir: HERE, loader: 'ts' },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    conditions: ['@staunch/source'],
    mainFields: ['module', 'main'],
    logLevel: 'silent',
  });
  const bytes = result.outputFiles[0]?.contents ?? new Uint8Array(0);
  return { minBytes: bytes.byteLength, gzipBytes: gzipSync(bytes, { level: 9 }).byteLength };
}
