import type { Attributes, Histogram, Meter, ObservableGauge, ObservableResult } from '@opentelemetry/api';
import type { AttemptEvent, GiveUpEvent, RetryEvent, SuccessEvent } from '@staunch/core';
import type { RateSource } from './instrument-options.js';

const MS_PER_S = 1000;
/** Seconds: from a fast answer to a long server wait (the default `maxRetryAfterMs` is 60 s). */
const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
const ATTEMPT_BUCKETS = [1, 2, 3, 4, 5, 6, 8, 10];
/** Scopes the rate gauge reports, most recently seen; older ones drop out. */
const MAX_GAUGE_SCOPES = 1000;

/** The attributes metrics keep: few values each (no URL, no scope), so series stay bounded. */
const METRIC_KEYS = [
  'staunch.policy',
  'http.request.method',
  'server.address',
  'gen_ai.system',
  'staunch.target',
  'staunch.key_index',
] as const;

export function metricAttributes(attributes: Attributes): Attributes {
  const kept: Attributes = {};
  for (const key of METRIC_KEYS) if (attributes[key] !== undefined) kept[key] = attributes[key];
  return kept;
}

/** The histograms and the learned-rate gauge; names and units are listed in docs/otel.md. */
export class CallMetrics {
  readonly #duration: Histogram;
  readonly #attempts: Histogram;
  readonly #retryDelay: Histogram;
  readonly #throttleWait: Histogram;
  readonly #rate: ObservableGauge | undefined;
  readonly #observe: (result: ObservableResult) => void;
  readonly #scopes = new Map<string, string>();

  constructor(meter: Meter, throttle: RateSource | undefined) {
    const seconds = { unit: 's', advice: { explicitBucketBoundaries: SECONDS_BUCKETS } };
    this.#duration = meter.createHistogram('staunch.call.duration', {
      ...seconds,
      description: 'Duration of a call through Staunch, every attempt and wait included.',
    });
    this.#attempts = meter.createHistogram('staunch.call.attempts', {
      unit: '{attempt}',
      description: 'Attempts a call made, the first included.',
      advice: { explicitBucketBoundaries: ATTEMPT_BUCKETS },
    });
    this.#retryDelay = meter.createHistogram('staunch.retry.delay', {
      ...seconds,
      description: 'Wait before a retry: the server’s wait where it gave one, else the backoff.',
    });
    this.#throttleWait = meter.createHistogram('staunch.throttle.wait', {
      ...seconds,
      description: 'Time an attempt waited for the throttle before it was sent.',
    });
    this.#observe = (result) => {
      for (const [scope, policy] of this.#scopes) {
        const rate = throttle?.inspect(scope)?.rate;
        if (rate !== undefined && rate > 0) result.observe(rate, { 'staunch.scope': scope, 'staunch.policy': policy });
      }
    };
    if (throttle !== undefined) {
      this.#rate = meter.createObservableGauge('staunch.throttle.rate', {
        unit: '{request}/s',
        description: 'The request rate the throttle paces a scope at (learned, or read from rate-limit headers).',
      });
      this.#rate.addCallback(this.#observe);
    }
  }

  seen(scope: string, policy: string): void {
    this.#scopes.delete(scope);
    this.#scopes.set(scope, policy);
    if (this.#scopes.size > MAX_GAUGE_SCOPES) {
      const oldest = this.#scopes.keys().next().value;
      if (oldest !== undefined) this.#scopes.delete(oldest);
    }
  }

  attempt(event: AttemptEvent, attributes: Attributes): void {
    if (event.cancelled) return;
    this.#throttleWait.record(event.throttleWaitMs / MS_PER_S, attributes);
  }

  retry(event: RetryEvent, attributes: Attributes): void {
    this.#retryDelay.record(event.delayMs / MS_PER_S, {
      ...attributes,
      'staunch.reason': event.reason,
      'staunch.wait_source': event.waitSource,
    });
  }

  success(event: SuccessEvent, attributes: Attributes): void {
    this.#ended(event.elapsedMs, event.attempts, { ...attributes, 'staunch.outcome': 'success' });
  }

  giveUp(event: GiveUpEvent, attributes: Attributes): void {
    const { status, name } = event.error;
    this.#ended(event.elapsedMs, event.attempts, {
      ...attributes,
      'staunch.outcome': 'failure',
      'error.type': status !== undefined && status >= 400 ? String(status) : name,
    });
  }

  dispose(): void {
    this.#rate?.removeCallback(this.#observe);
  }

  #ended(elapsedMs: number, attempts: number, attributes: Attributes): void {
    this.#duration.record(elapsedMs / MS_PER_S, attributes);
    this.#attempts.record(attempts, attributes);
  }
}
