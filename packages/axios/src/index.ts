// The public surface of @staunch/axios. Every export is listed by hand.
export { attachStaunch, type DetachStaunch, type StaunchAxiosOptions } from './attach-staunch.js';
export type { StaunchAxiosRequestOptions } from './request-options.js';
export { staunchErrorOf } from './settle.js';
