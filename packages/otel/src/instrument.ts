import { type Attributes, metrics, trace } from '@opentelemetry/api';
import { ConfigError, type Disposable, type Engine } from '@staunch/core';
import type { RouteTelemetry } from '@staunch/failover';
import { breakerGauge } from './breaker-gauge.js';
import { CallMetrics, metricAttributes } from './call-metrics.js';
import { CallSpans } from './call-spans.js';
import { type InstrumentOptions, resolveInstrumentOptions } from './instrument-options.js';
import { requestAttributes } from './request-attributes.js';
import { legAttributes, RouteSpans } from './route-spans.js';
import { createSpanClock } from './span-clock.js';

/** The instrumentation scope name spans and metrics are reported under. */
export const INSTRUMENTATION_NAME = '@staunch/otel';
const INSTRUMENTATION_VERSION = '0.1.0';

const EVENTS = ['onCallStart', 'onAttemptStart', 'onAttempt', 'onRetry', 'onGiveUp', 'onSuccess'] as const;

/**
 * What `instrument` takes: anything that exposes the engine's events — the function
 * `createFetch` returns, ky's `staunchKy(...)` fetch, what `attachStaunch` returns, or an engine.
 * Without `wrapAttempt`, spans still nest as documented, but an HTTP client's own spans cannot.
 * With `routes` (an adapter given `targets`), each routed call gets a route span over its legs,
 * each leg names its target and key index, and the breakers are measured.
 */
export type InstrumentTarget = Pick<Engine, (typeof EVENTS)[number]> &
  Partial<Pick<Engine, 'wrapAttempt'>> & { readonly routes?: RouteTelemetry | undefined };

/**
 * Traces and measures every call the target makes: a span per call, a span per attempt under it,
 * and the duration, attempts, retry delay and throttle wait histograms. Dispose to stop; spans
 * of calls still in flight are ended then.
 */
export function instrument(target: InstrumentTarget, options?: InstrumentOptions): Disposable {
  for (const name of EVENTS) {
    if (typeof (target as Partial<InstrumentTarget> | undefined)?.[name] !== 'function') {
      throw new ConfigError(
        'target',
        `expected something exposing Staunch's events (${name} is missing): pass what createFetch, staunchKy or attachStaunch returns, or an engine.`,
      );
    }
  }
  const { routes } = target;
  if (routes !== undefined && (typeof routes?.legOf !== 'function' || typeof routes.breakers !== 'function')) {
    throw new ConfigError(
      'target.routes',
      "expected a failover chain's route telemetry: pass what the adapter returns as is.",
    );
  }
  const resolved = resolveInstrumentOptions(options);
  const tracer = (resolved.tracerProvider ?? trace.getTracerProvider()).getTracer(
    INSTRUMENTATION_NAME,
    INSTRUMENTATION_VERSION,
  );
  const meter = (resolved.meterProvider ?? metrics.getMeterProvider()).getMeter(
    INSTRUMENTATION_NAME,
    INSTRUMENTATION_VERSION,
  );
  const clock = createSpanClock();
  const spans = new CallSpans(tracer, resolved.clientSpans, clock);
  const measures = new CallMetrics(meter, resolved.throttle);
  const kept = (attributes: Attributes | undefined): Attributes => metricAttributes(attributes ?? {});
  const routeSpans = routes === undefined ? undefined : new RouteSpans(tracer, clock);

  const subscriptions: Disposable[] = [
    target.onCallStart(({ call }) => {
      const leg = routes?.legOf(call);
      const attributes = requestAttributes(call, resolved.redactQueryKeys);
      if (leg === undefined || routeSpans === undefined) spans.start(call, attributes);
      else {
        const own = { ...attributes, ...legAttributes(leg) };
        spans.start(call, own, routeSpans.enter(call, leg, attributes));
      }
      measures.seen(call.scope, call.policy);
    }),
    target.onAttemptStart((event) => spans.attemptStart(event)),
    target.onAttempt((event) => {
      measures.attempt(event, kept(spans.attributesOf(event.call)));
      spans.attemptEnd(event);
    }),
    target.onRetry((event) => {
      measures.retry(event, kept(spans.attributesOf(event.call)));
      spans.retry(event);
    }),
    target.onSuccess((event) => {
      measures.success(event, kept(spans.attributesOf(event.call)));
      spans.success(event);
    }),
    target.onGiveUp((event) => {
      measures.giveUp(event, kept(spans.attributesOf(event.call)));
      spans.giveUp(event);
    }),
  ];
  if (routes !== undefined && routeSpans !== undefined) {
    subscriptions.push(
      routes.onRouteEnd((end) => routeSpans.end(end)),
      breakerGauge(meter, routes),
    );
  }
  if (typeof target.wrapAttempt === 'function') {
    subscriptions.push(target.wrapAttempt((event, run) => spans.within(event, run)));
  }
  let disposed = false;
  return {
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const subscription of subscriptions) subscription.dispose();
      spans.dispose();
      routeSpans?.dispose();
      measures.dispose();
    },
  };
}
