// Type-checked in CI (`pnpm typecheck`) against @opentelemetry/api 1.9 and
// @opentelemetry/instrumentation-undici; docs/otel.md quotes it. packages/otel/test runs the
// same wiring with the real OpenTelemetry SDK against loopback servers.
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { createAdaptiveThrottle } from '@staunch/core';
import { createFetch } from '@staunch/fetch';
import { instrument } from '@staunch/otel';

// #region basics
const throttle = createAdaptiveThrottle();
export const llmFetch = createFetch({ policy: 'openai', throttle });
const instrumentation = instrument(llmFetch, { throttle }); // the global tracer and meter providers
// … on shutdown:
export const stopTracing = () => instrumentation.dispose();
// #endregion basics

// #region undici
export function withUndiciSpans() {
  new UndiciInstrumentation().enable(); // or through your SDK's instrumentations list
  return instrument(createFetch({ policy: 'openai' }), { clientSpans: false });
}
// #endregion undici

// #region failover
export function tracedChain(openaiKey: string, togetherKeys: readonly string[]) {
  const chained = createFetch({
    targets: [
      { name: 'openai', baseURL: 'https://api.openai.com/v1', headers: { authorization: `Bearer ${openaiKey}` } },
      { name: 'together', baseURL: 'https://api.together.xyz/v1', policy: 'together', keys: togetherKeys },
    ],
  });
  // What createFetch returns carries the chain's route telemetry (`chained.routes`): instrument
  // reads it for the route spans, the target and key attributes and the breaker gauge.
  return { fetch: chained, instrumentation: instrument(chained) };
}
// #endregion failover
