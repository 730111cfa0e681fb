import { bodyWait } from './body-wait.js';
import { valuesAt } from './json-path.js';

/** What Staunch reads from an error body. */
export interface ErrorBodyInfo {
  /** The provider's codes, lower-cased, in the order of the policy's code paths. */
  readonly codes: readonly string[];
  readonly message: string | undefined;
  /** A wait the body asks for (Gemini RetryInfo, "try again in 1.5s"), in whole ms. */
  readonly waitMs: number | undefined;
}

const EMPTY: ErrorBodyInfo = Object.freeze({ codes: Object.freeze([]), message: undefined, waitMs: undefined });
const MAX_MESSAGE_CHARS = 500;

/**
 * Reads provider codes and the message from a (possibly truncated) error body. Accepts the
 * shapes providers send: `{"error":{…}}`, Anthropic's `{"type":"error","error":{…}}`, top-level
 * fields (Mistral), an array around the object (Gemini's OpenAI-compatible endpoint), leading
 * blank lines, and a plain-string `error`. Anything else yields no codes. Never throws.
 */
export function readErrorBody(text: string | undefined, codePaths: readonly string[]): ErrorBodyInfo {
  if (text === undefined) return EMPTY;
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return EMPTY;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return EMPTY;
  }
  if (Array.isArray(parsed)) parsed = parsed[0];
  if (typeof parsed !== 'object' || parsed === null) return EMPTY;
  const codes: string[] = [];
  for (const path of codePaths) {
    for (const value of valuesAt(parsed, path)) {
      if ((typeof value === 'string' && value.length > 0 && value.length <= 128) || typeof value === 'number') {
        const code = String(value).toLowerCase();
        if (!codes.includes(code)) codes.push(code);
      }
    }
  }
  const message = messageOf(parsed);
  return { codes, message, waitMs: bodyWait(parsed, message) };
}

function at(root: unknown, path: string): unknown {
  return valuesAt(root, path)[0];
}

function messageOf(body: object): string | undefined {
  const error = at(body, 'error');
  const candidate = typeof error === 'string' ? error : (at(body, 'error.message') ?? at(body, 'message'));
  if (typeof candidate !== 'string') return undefined;
  return candidate.length > MAX_MESSAGE_CHARS ? `${candidate.slice(0, MAX_MESSAGE_CHARS)}…` : candidate;
}
