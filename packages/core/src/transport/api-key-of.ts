import type { HeaderLookup } from '../retry-after/headers.js';

/** The request's API key as the throttle scope sees it (hashed there), from the usual auth headers. */
export function apiKeyOf(headers: HeaderLookup): string | undefined {
  return headers.get('authorization') ?? headers.get('x-api-key') ?? headers.get('api-key') ?? undefined;
}
