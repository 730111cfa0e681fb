import type { Meter, ObservableResult } from '@opentelemetry/api';
import type { Disposable } from '@staunch/core';
import type { BreakerState, RouteTelemetry } from '@staunch/failover';

const STATES: readonly BreakerState[] = ['closed', 'open', 'half-open'];

/**
 * `staunch.breaker.state`: per target (and per key of a target), one series per state, 1 for the
 * state the breaker is in and 0 for the others, so `sum by (state)` counts breakers per state
 * and an alert on `state="open"` needs no value mapping.
 */
export function breakerGauge(meter: Meter, routes: RouteTelemetry): Disposable {
  const gauge = meter.createObservableGauge('staunch.breaker.state', {
    unit: '{breaker}',
    description: 'Circuit breakers of a failover chain by state: 1 for the state a breaker is in, 0 for the others.',
  });
  const observe = (result: ObservableResult) => {
    for (const reading of routes.breakers()) {
      const where = reading.key === undefined ? {} : { 'staunch.key_index': reading.key };
      for (const state of STATES) {
        result.observe(reading.state === state ? 1 : 0, {
          'staunch.target': reading.target,
          ...where,
          'staunch.breaker.state': state,
        });
      }
    }
  };
  gauge.addCallback(observe);
  return { dispose: () => gauge.removeCallback(observe) };
}
