import { createEngine, type Engine, type EngineOptions, type OptionKeys } from '@staunch/core';
import type { HostMap } from './preset-for-url.js';
import { type PolicyOption, resolvePolicy } from './registry.js';

/** What every adapter takes to build its engine: the policy by name or as data, and the engine's parts. */
export interface StaunchOptions extends Omit<EngineOptions, 'policy'> {
  /**
   * A preset name (`'together'`, `'4allapi'`), a policy input (which may `extends` a preset), or a
   * built policy, for every request. Unset: each request gets the preset of its URL's host
   * (`presetForUrl`), and the generic default policy for hosts no preset claims.
   * @default chosen per request from the URL's host
   */
  readonly policy?: PolicyOption;
  /**
   * Hosts of your own (a self-hosted gateway, a proxy) and the preset each one gets, consulted
   * before the presets' own hosts when no `policy` is given. A key is a host name, `*.example.com`,
   * or a host with a path prefix; a value is a preset name or `'default'`.
   * @default {}
   * @example { 'llm.internal.example': 'openai', 'gateway.internal/anthropic': 'anthropic' }
   */
  readonly hosts?: HostMap;
}

/**
 * The option names of `StaunchOptions`, which every adapter's strict check starts from. A field
 * added to `StaunchOptions` (or to core's `EngineOptions`) must be added here: the type says so.
 */
export const STAUNCH_OPTION_KEYS: OptionKeys<StaunchOptions> = Object.freeze({
  policy: true,
  hosts: true,
  throttle: true,
  retryGate: true,
  clock: true,
  random: true,
});

/** The engine an adapter runs on, with its policy option resolved (preset names included). */
export function createPolicyEngine(options: StaunchOptions = {}): Engine {
  const { hosts: _hosts, ...engineOptions } = options;
  return createEngine({ ...engineOptions, policy: resolvePolicy(options.policy) });
}
