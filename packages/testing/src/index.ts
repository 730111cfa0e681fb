// The public surface of @staunch/testing. Every export is listed by hand; a test snapshots the names.
export { flushMicrotasks, VirtualClock } from '@staunch/core';
export type { ErrorStyle } from './error-bodies/problem.js';
export { type FaultServerOptions, startFaultServer } from './fault-server/start-fault-server.js';
export type { FaultKind, FaultServer, FaultStep, RecordedRequest, SseStep } from './fault-server/types.js';
export { startH2FaultServer } from './h2-server/start-h2-fault-server.js';
export type { H2ErrorCode, H2FaultServer, H2Request, H2Step } from './h2-server/types.js';
export { SELF_SIGNED_CERT, SELF_SIGNED_KEY } from './loopback/self-signed.js';
export { ERROR_STYLES, HINT_STYLES, LIMITER_KINDS } from './mock-provider/resolve-options.js';
export { startMockProvider } from './mock-provider/start-mock-provider.js';
export type {
  CapacityLimits,
  CapacityStep,
  FaultRates,
  HintStyle,
  LimiterKind,
  MockProvider,
  MockProviderOptions,
  MockProviderStats,
  OutageWindow,
  TimelineEntry,
} from './mock-provider/types.js';
export { closedPortUrl, type SilentListener, startSilentListener } from './raw-server/silent-listener.js';
export { startRawServer } from './raw-server/start-raw-server.js';
export type { RawServer, RawStep } from './raw-server/types.js';
export {
  freePort,
  hasRedisBinary,
  type RedisServer,
  type RedisServerOptions,
  startRedisServer,
} from './redis-server/start-redis-server.js';
