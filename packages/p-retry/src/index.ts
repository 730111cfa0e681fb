// The public surface of @staunch/p-retry. Every export is listed by hand.
export { pRetryOptions, type StaunchPRetryOptions } from './p-retry-options.js';
