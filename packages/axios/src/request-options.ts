import type { PolicyOption } from '@staunch/presets';

/** Per-request Staunch settings, set as `config.staunch` on an axios request. */
export interface StaunchAxiosRequestOptions {
  /** A policy for this request only: a preset name, a policy input or a built policy. */
  readonly policy?: PolicyOption | undefined;
  /** Reject with Staunch's typed error instead of axios's. @default the instance's setting */
  readonly typedErrors?: boolean | undefined;
  /** The throttle scope for this request. @default provider + hashed key + model */
  readonly scope?: string | undefined;
}

declare module 'axios' {
  interface AxiosRequestConfig {
    /** Staunch settings for this request, or `false` to send it once, without Staunch. */
    staunch?: StaunchAxiosRequestOptions | false | undefined;
  }
}
