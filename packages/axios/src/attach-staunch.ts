import {
  ConfigError,
  type Engine,
  isPolicy,
  isStaunchError,
  type OptionKeys,
  POLICY_KEYS,
  policyCache,
  rejectUnknownOptions,
  resolveStreamGuardOptions,
  STREAM_GUARD_OPTION_KEYS,
  type StreamGuardOptions,
} from '@staunch/core';
import {
  adapterEvents,
  FAILOVER_OPTION_KEYS,
  type FailoverOptions,
  type RouteTelemetry,
  routerFromOptions,
} from '@staunch/failover';
import {
  createPolicyEngine,
  type PolicyOption,
  policyByHost,
  resolvePolicy,
  STAUNCH_OPTION_KEYS,
  type StaunchOptions,
} from '@staunch/presets';
import { type AxiosInstance, getAdapter, type InternalAxiosRequestConfig } from 'axios';
import type {} from './request-options.js';
import { staunchErrorOf } from './settle.js';
import { innerAdapter, staunchAdapter } from './staunch-adapter.js';

export interface StaunchAxiosOptions extends StaunchOptions, StreamGuardOptions, FailoverOptions {
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

/** Every option name, for the strict check: a field added to the options type goes here too. */
const OPTION_KEYS: OptionKeys<StaunchAxiosOptions> = {
  ...STAUNCH_OPTION_KEYS,
  ...STREAM_GUARD_OPTION_KEYS,
  ...FAILOVER_OPTION_KEYS,
  typedErrors: true,
  idempotencyKeyHeader: true,
};
// Only for "did you mean": an options object never holds a policy field (it would be a policy).
const POLICY_FIELD_NAMES = Object.fromEntries(POLICY_KEYS.map((key) => [key, true]));

/** Removes the interceptors; also carries the engine's events. */
export type DetachStaunch = (() => void) &
  Pick<
    Engine,
    'onCallStart' | 'onAttemptStart' | 'onAttempt' | 'onRetry' | 'onGiveUp' | 'onSuccess' | 'wrapAttempt' | 'policy'
  > & {
    /** With `targets`: which target and key each engine call went to, and the breakers (what `@staunch/otel` reads). */
    readonly routes: RouteTelemetry | undefined;
  };

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
  // With targets, the chain (@staunch/failover) routes the calls that match one; the rest go as without.
  const router = routerFromOptions(options);
  const stream = { ...resolveStreamGuardOptions(options), clock: options.clock };
  const policies = policyCache(resolvePolicy);
  const hostPolicy = policyByHost(options);
  const request = instance.interceptors.request.use(
    (config: InternalAxiosRequestConfig) => {
      if (config.staunch === false) return config;
      const transport = innerAdapter(getAdapter(config.adapter, config));
      const override = config.staunch?.policy;
      config.adapter = staunchAdapter(
        engine,
        transport,
        {
          policy: override === undefined ? hostPolicy(instance.getUri(config)) : policies(override),
          scope: config.staunch?.scope,
          idempotencyKeyHeader: config.staunch?.idempotencyKeyHeader ?? options.idempotencyKeyHeader,
        },
        stream,
        // A request's own policy (config.staunch.policy) keeps it out of the chain.
        override === undefined ? router : undefined,
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
  // The engine's (or the chain's merged) event members, and the chain's route telemetry.
  return Object.assign(detach, {
    ...adapterEvents(engine, router),
    policy: engine.policy,
  });
}

/**
 * The second argument is a policy (a preset name, a policy input, a built policy) or the options:
 * an object with any policy field is a policy, checked by the policy's own strict validation;
 * anything else is checked against the option names, so a typo is an error, not a policy.
 */
function normalise(value: PolicyOption | StaunchAxiosOptions): StaunchAxiosOptions {
  if (typeof value === 'string' || isPolicy(value)) return { policy: value };
  const keys = typeof value === 'object' && value !== null ? Object.keys(value) : [];
  const policyFields = keys.filter((key) => POLICY_KEYS.includes(key));
  const optionFields = keys.filter((key) => Object.hasOwn(OPTION_KEYS, key));
  if (policyFields.length > 0 && optionFields.length > 0) {
    throw new ConfigError(
      optionFields[0] as string,
      `mixes options (${optionFields.join(', ')}) with policy fields (${policyFields.join(', ')}): pass { ${optionFields[0]}: …, policy: { ${policyFields.join(', ')} } }.`,
    );
  }
  if (policyFields.length > 0) return { policy: value as PolicyOption };
  rejectUnknownOptions('attachStaunch()', value, { ...POLICY_FIELD_NAMES, ...OPTION_KEYS });
  return value as StaunchAxiosOptions;
}
