// The public surface of @staunch/fetch.
export { createFetch, type StaunchFetch, type StaunchFetchOptions } from './create-fetch.js';
