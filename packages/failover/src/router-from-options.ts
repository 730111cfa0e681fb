import type { Engine } from '@staunch/core';
import type { ChainOptions, RouterOptions } from './chain/resolve-chain.js';
import type { TargetOptions } from './chain/target-options.js';
import { createRouter, type Router } from './create-router.js';
import { type EngineEvents, mergeEngineEvents } from './engine-events.js';
import type { RouteTelemetry } from './route-telemetry.js';

/** The options an adapter adds to its own for failover. */
export interface FailoverOptions {
  /** A chain of targets: a request whose URL starts with one's `baseURL` enters the chain there. */
  readonly targets?: readonly TargetOptions[];
  /** The chain's deadline, attempts before moving on, and breaker settings. */
  readonly failover?: ChainOptions;
}

/** The option names above, for an adapter's strict option check. */
export const FAILOVER_OPTION_KEYS = Object.freeze({ targets: true, failover: true } as const);

const ENGINE_PARTS = ['throttle', 'retryGate', 'clock', 'random', 'hosts'] as const;

/** The router for an adapter's options (their engine parts shared by every target), or `undefined` without targets. */
export function routerFromOptions(
  options: FailoverOptions & Omit<RouterOptions, 'targets' | 'failover'>,
): Router | undefined {
  if (options.targets === undefined) return undefined;
  const parts: Record<string, unknown> = {};
  for (const name of ENGINE_PARTS) if (options[name] !== undefined) parts[name] = options[name];
  return createRouter({
    ...(parts as Omit<RouterOptions, 'targets'>),
    targets: options.targets,
    ...(options.failover === undefined ? {} : { failover: options.failover }),
  });
}

/** What an adapter exposes of its engines: their events, and with targets, what telemetry reads of the chain. */
export interface AdapterEvents extends EngineEvents {
  readonly routes: RouteTelemetry | undefined;
}

/** The adapter engine's events merged with those of every target's engine. */
export function adapterEvents(engine: Engine, router: Router | undefined): AdapterEvents {
  return router === undefined
    ? { ...pickEvents(engine), routes: undefined }
    : { ...mergeEngineEvents([engine, ...router.engines]), routes: router.telemetry };
}

function pickEvents(engine: Engine): EngineEvents {
  const { onCallStart, onAttemptStart, onAttempt, onRetry, onGiveUp, onSuccess, wrapAttempt } = engine;
  return { onCallStart, onAttemptStart, onAttempt, onRetry, onGiveUp, onSuccess, wrapAttempt };
}
