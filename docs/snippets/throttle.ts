// Type-checked in CI (`pnpm typecheck`); docs/throttle.md quotes it.
import { createAdaptiveThrottle, createOutageGate } from '@staunch/core';
import { createFetch } from '@staunch/fetch';

// One throttle shared by two clients: they pace the same scopes together.
const throttle = createAdaptiveThrottle({ maxQueue: 1000 });
export const chat = createFetch({ policy: 'openai', throttle, retryGate: createOutageGate() });
export const embeddings = createFetch({ policy: 'openai', throttle });

// No pacing and no outage guard: retries only.
export const unpaced = createFetch({ throttle: false, retryGate: false });
