// The public surface of @staunch/otel. Every export is listed by hand; a test snapshots the names.
export { INSTRUMENTATION_NAME, type InstrumentTarget, instrument } from './instrument.js';
export type { InstrumentOptions, RateSource } from './instrument-options.js';
export { DEFAULT_REDACTED_QUERY_KEYS, redactUrl } from './redact-url.js';
