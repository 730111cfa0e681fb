// The public surface of @staunch/cli: the command line as a function, for scripts and tests.
export type { CliIo } from './io.js';
export { nodeIo } from './io.js';
export { run, USAGE } from './run.js';
