import { createEngine, type Engine, type EngineOptions } from '@staunch/core';
import { type PolicyOption, resolvePolicy } from './registry.js';

/** What every adapter takes to build its engine: the policy by name or as data, and the engine's parts. */
export interface StaunchOptions extends Omit<EngineOptions, 'policy'> {
  /** A preset name (`'together'`, `'4allapi'`), a policy input (which may `extends` a preset), or a built policy. @default 'default' */
  readonly policy?: PolicyOption;
}

/** The engine an adapter runs on, with its policy option resolved (preset names included). */
export function createPolicyEngine(options: StaunchOptions = {}): Engine {
  return createEngine({ ...options, policy: resolvePolicy(options.policy) });
}
