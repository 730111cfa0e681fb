// The public surface of @staunch/failover. Every export is listed by hand; a test snapshots the names.
export { Breaker, type BreakerCause, type BreakerState, type Permit } from './breaker/breaker.js';
export { type BreakerOptions, DEFAULT_BREAKER_OPTIONS, resolveBreakerOptions } from './breaker/breaker-options.js';
export {
  type BreakerShare,
  isBreakerShare,
  type SharedCause,
  type SharedClosing,
  type SharedOpening,
  type SharedWord,
} from './breaker/breaker-share.js';
export { CREDENTIAL_HEADERS, type KeyPlacement, keyPlacementFor } from './chain/auth-placement.js';
export type { Destination } from './chain/destination.js';
export type { ChainOptions, RouterOptions } from './chain/resolve-chain.js';
export type { ModelRewrite } from './chain/rewrite-model.js';
export type { TargetOptions } from './chain/target-options.js';
export { createRouter, type RouteCallOptions, type RouteRequest, type Router } from './create-router.js';
export { type EngineEvents, mergeEngineEvents } from './engine-events.js';
export { FailoverError, isFailoverError } from './failover-error.js';
export { type RouteReport, routeOf, type TargetOutcome } from './route-report.js';
export type { BreakerReading, RouteEnd, RouteLeg, RouteTelemetry } from './route-telemetry.js';
export {
  type AdapterEvents,
  adapterEvents,
  FAILOVER_OPTION_KEYS,
  type FailoverOptions,
  routerFromOptions,
} from './router-from-options.js';
