import { defineConfig } from 'tsdown';

// The bin is one self-contained file: the workspace packages it uses are bundled from their
// sources (the `@staunch/source` condition), so it starts without any other build, and `npx
// staunch` loads one module.
export default defineConfig({
  entry: ['src/index.ts', 'src/cli.ts'],
  format: 'esm',
  dts: true,
  sourcemap: true,
  noExternal: [/^@staunch\//],
  inputOptions: { resolve: { conditionNames: ['@staunch/source', 'import', 'default'] } },
});
