// The public surface of @staunch/undici. Every export is listed by hand; a test snapshots the names.
export { MAX_BUFFERED_BODY_BYTES } from './dispatch-body.js';
export { type StaunchInterceptor, type StaunchUndiciOptions, staunch } from './staunch-interceptor.js';
