import type { StaunchRequestOptions } from '@staunch/core';

/** Per-request Staunch settings, set as `config.staunch` on an axios request (the same shape ky reads from `context.staunch`). */
export type StaunchAxiosRequestOptions = StaunchRequestOptions;

declare module 'axios' {
  interface AxiosRequestConfig {
    /** Staunch settings for this request, or `false` to send it once, without Staunch. */
    staunch?: StaunchAxiosRequestOptions | false | undefined;
  }
}
