import type { MeterProvider, TracerProvider } from '@opentelemetry/api';
import { ConfigError } from '@staunch/core';
import { DEFAULT_REDACTED_QUERY_KEYS } from './redact-url.js';

/** What the learned-rate gauge reads: the adaptive throttle (`createAdaptiveThrottle()`), or the Redis one. */
export interface RateSource {
  inspect(scope: string): { readonly rate: number } | undefined;
}

export interface InstrumentOptions {
  /** @default the global tracer provider (`trace.getTracerProvider()`) */
  readonly tracerProvider?: TracerProvider;
  /** @default the global meter provider (`metrics.getMeterProvider()`) */
  readonly meterProvider?: MeterProvider;
  /**
   * `true`: each attempt is a CLIENT span with the HTTP attributes. `false`: each attempt is an
   * INTERNAL span, for when an HTTP client instrumentation (`@opentelemetry/instrumentation-undici`
   * for fetch and ky, `@opentelemetry/instrumentation-http` for axios in Node) already makes
   * the CLIENT span: its span then nests under Staunch's attempt span, so there is one client span
   * per request sent, never two. @default true
   */
  readonly clientSpans?: boolean;
  /** Query keys whose values `url.full` shows as `REDACTED`, case-insensitive. @default DEFAULT_REDACTED_QUERY_KEYS */
  readonly redactQueryKeys?: readonly string[];
  /**
   * The throttle the target paces with (the one passed as its `throttle` option), for the
   * `staunch.throttle.rate` gauge. Without it the gauge reports nothing. @default undefined
   */
  readonly throttle?: RateSource;
}

export interface ResolvedInstrumentOptions {
  readonly tracerProvider: TracerProvider | undefined;
  readonly meterProvider: MeterProvider | undefined;
  readonly clientSpans: boolean;
  readonly redactQueryKeys: ReadonlySet<string>;
  readonly throttle: RateSource | undefined;
}

const KNOWN = ['tracerProvider', 'meterProvider', 'clientSpans', 'redactQueryKeys', 'throttle'];

export function resolveInstrumentOptions(options: InstrumentOptions = {}): ResolvedInstrumentOptions {
  for (const key of Object.keys(options)) {
    if (!KNOWN.includes(key)) throw new ConfigError(key, `unknown option. Known options: ${KNOWN.join(', ')}.`);
  }
  const { clientSpans = true, redactQueryKeys = DEFAULT_REDACTED_QUERY_KEYS, throttle } = options;
  if (typeof clientSpans !== 'boolean') {
    throw new ConfigError('clientSpans', `expected true or false, got ${JSON.stringify(clientSpans)}.`);
  }
  if (!Array.isArray(redactQueryKeys) || redactQueryKeys.some((key) => typeof key !== 'string')) {
    throw new ConfigError('redactQueryKeys', 'expected an array of query key names, e.g. ["key", "api_key"].');
  }
  if (throttle !== undefined && typeof throttle.inspect !== 'function') {
    throw new ConfigError('throttle', 'expected the throttle given to the adapter (one with `inspect(scope)`).');
  }
  return {
    tracerProvider: options.tracerProvider,
    meterProvider: options.meterProvider,
    clientSpans,
    redactQueryKeys: new Set(redactQueryKeys.map((key) => key.toLowerCase())),
    throttle,
  };
}
