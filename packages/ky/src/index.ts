// The public surface of @staunch/ky. Every export is listed by hand.
export type { StaunchRequestOptions as StaunchKyRequestOptions } from '@staunch/core';
export type { FetchFunction, StaunchKyFetch, StaunchKyOptions } from './ky-fetch.js';
export { kyOptions, type StaunchKyConfig, staunchKy } from './ky-options.js';
