// The public surface of @staunch/testing. Every export is listed by hand; a test snapshots the names.
export { flushMicrotasks, VirtualClock } from '@staunch/core';
export { type FaultServerOptions, startFaultServer } from './fault-server/start-fault-server.js';
export type { FaultKind, FaultServer, FaultStep, RecordedRequest, SseStep } from './fault-server/types.js';
