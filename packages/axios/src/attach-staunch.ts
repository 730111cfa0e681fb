import {
  type Engine,
  isStaunchError,
  policyCache,
  resolveStreamGuardOptions,
  type StreamGuardOptions,
} from '@staunch/core';
import { createPolicyEngine, type PolicyOption, resolvePolicy, type StaunchOptions } from '@staunch/presets';
import { type AxiosInstance, getAdapter, type InternalAxiosRequestConfig } from 'axios';
import type {} from './request-options.js';
import { staunchErrorOf } from './settle.js';
import { innerAdapter, staunchAdapter } from './staunch-adapter.js';

export interface StaunchAxiosOptions extends StaunchOptions, StreamGuardOptions {
  /**
   * `false`: a final failure is axios's own error (`AxiosError` with `response`, `CanceledError`).
   * `true`: it is Staunch's typed error carrying the provider's hint. A request's
   * `config.staunch.typedErrors` overrides this.
   * @default false
   */
  readonly typedErrors?: boolean;
  /**
   * A request header that carries one random key per call, the same on every attempt, so a
   * server that deduplicates by it never runs a retried request twice (e.g. `'Idempotency-Key'`).
   * A key the caller set is kept. Off by default: the major LLM APIs accept no such key.
   * A request's `config.staunch.idempotencyKeyHeader` overrides this (`false`: no key).
   * @default undefined
   */
  readonly idempotencyKeyHeader?: string;
}

/** Removes the interceptors; also carries the engine's events. */
export type DetachStaunch = (() => void) &
  Pick<
    Engine,
    'onCallStart' | 'onAttemptStart' | 'onAttempt' | 'onRetry' | 'onGiveUp' | 'onSuccess' | 'wrapAttempt' | 'policy'
  >;

/**
 * Installs Staunch on an axios instance. The request interceptor swaps the request's adapter for
 * one the engine drives (axios-retry's way, re-sending through `instance.request`, would run
 * every interceptor again and leave the loop to axios); the response interceptor is the edge that
 * swaps in the typed error when asked. Returns a function that removes both.
 */
export function attachStaunch(
  instance: AxiosInstance,
  policyOrOptions: PolicyOption | StaunchAxiosOptions = {},
): DetachStaunch {
  const options = normalise(policyOrOptions);
  const engine = createPolicyEngine(options);
  const stream = { ...resolveStreamGuardOptions(options), clock: options.clock };
  const policies = policyCache(resolvePolicy);
  const request = instance.interceptors.request.use(
    (config: InternalAxiosRequestConfig) => {
      if (config.staunch === false) return config;
      const transport = innerAdapter(getAdapter(config.adapter, config));
      const override = config.staunch?.policy;
      config.adapter = staunchAdapter(
        engine,
        transport,
        {
          policy: override === undefined ? undefined : policies(override),
          scope: config.staunch?.scope,
          idempotencyKeyHeader: config.staunch?.idempotencyKeyHeader ?? options.idempotencyKeyHeader,
        },
        stream,
      );
      return config;
    },
    undefined,
    { synchronous: true },
  );
  const response = instance.interceptors.response.use(undefined, (error: unknown) => {
    const typed = staunchErrorOf(error);
    const config = (error as { config?: InternalAxiosRequestConfig } | undefined)?.config;
    const wantTyped = (config?.staunch === false ? false : config?.staunch?.typedErrors) ?? options.typedErrors;
    return Promise.reject(wantTyped && isStaunchError(typed) ? typed : error);
  });
  const detach = () => {
    instance.interceptors.request.eject(request);
    instance.interceptors.response.eject(response);
  };
  return Object.assign(detach, {
    onCallStart: engine.onCallStart,
    onAttemptStart: engine.onAttemptStart,
    onAttempt: engine.onAttempt,
    onRetry: engine.onRetry,
    onGiveUp: engine.onGiveUp,
    onSuccess: engine.onSuccess,
    wrapAttempt: engine.wrapAttempt,
    policy: engine.policy,
  });
}

function normalise(value: PolicyOption | StaunchAxiosOptions): StaunchAxiosOptions {
  if (typeof value === 'string') return { policy: value };
  const keys = [
    'policy',
    'typedErrors',
    'idempotencyKeyHeader',
    'idleTimeoutMs',
    'throttle',
    'retryGate',
    'clock',
    'random',
  ];
  const looksLikeOptions = Object.keys(value).every((key) => keys.includes(key)) && Object.keys(value).length > 0;
  return looksLikeOptions ? (value as StaunchAxiosOptions) : { policy: value as PolicyOption };
}
