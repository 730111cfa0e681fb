import type { AttemptOutcome } from '../engine/types.js';
import { discardBody, readBodyPrefix } from './response-body.js';

/** One attempt's fetch `Response` as the engine's outcome (the fetch and ky adapters). */
export function responseOutcome(response: Response): AttemptOutcome<Response> {
  return {
    kind: 'response',
    status: response.status,
    headers: response.headers,
    value: response,
    readErrorBody: () => readBodyPrefix(response),
    discard: () => discardBody(response),
  };
}
