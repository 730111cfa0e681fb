import { parseGoDuration } from '../retry-after/go-duration.js';
import { parseDecimal, toWaitMs } from '../retry-after/numbers.js';
import { valuesAt } from './json-path.js';

// Waits providers write in the error body rather than in a header (providers.md §1.3):
// Gemini's google.rpc.RetryInfo `retryDelay` ("20s", "57.238747106s"); OpenAI and Groq's
// message "Please try again in 1.146s" / "8m55.248s"; Gemini's "Please retry in 20.2s";
// Azure's "Please retry after 37 seconds".
const TRY_AGAIN_IN = /\b(?:try again|retry) in ((?:\d+(?:\.\d+)?(?:ms|h|m|s))+)/i;
const RETRY_AFTER_SECONDS = /\bretry after (\d+(?:\.\d+)?) seconds?\b/i;

/** The wait a parsed error body asks for, in whole ms, or `undefined`. Never throws. */
export function bodyWait(body: unknown, message: string | undefined): number | undefined {
  for (const detail of valuesAt(body, 'error.details[]')) {
    if (typeof detail !== 'object' || detail === null) continue;
    const record = detail as Record<string, unknown>;
    const type = record['@type'];
    if (typeof type === 'string' && type.endsWith('RetryInfo') && typeof record.retryDelay === 'string') {
      const ms = parseGoDuration(record.retryDelay);
      if (ms !== undefined) return ms;
    }
  }
  if (message === undefined) return undefined;
  const duration = TRY_AGAIN_IN.exec(message)?.[1];
  if (duration !== undefined) return parseGoDuration(duration);
  const seconds = RETRY_AFTER_SECONDS.exec(message)?.[1];
  const parsed = seconds === undefined ? undefined : parseDecimal(seconds);
  return parsed === undefined ? undefined : toWaitMs(parsed * 1000);
}
