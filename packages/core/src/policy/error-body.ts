/** What Staunch reads from an error body: the provider's codes (lower-cased) and message. */
export interface ErrorBodyInfo {
  readonly codes: readonly string[];
  readonly message: string | undefined;
}

const EMPTY: ErrorBodyInfo = Object.freeze({ codes: Object.freeze([]), message: undefined });
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
    const value = at(parsed, path);
    if ((typeof value === 'string' && value.length > 0 && value.length <= 128) || typeof value === 'number') {
      const code = String(value).toLowerCase();
      if (!codes.includes(code)) codes.push(code);
    }
  }
  return { codes, message: messageOf(parsed) };
}

function at(root: unknown, path: string): unknown {
  let node = root;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function messageOf(body: object): string | undefined {
  const error = at(body, 'error');
  const candidate = typeof error === 'string' ? error : (at(body, 'error.message') ?? at(body, 'message'));
  if (typeof candidate !== 'string') return undefined;
  return candidate.length > MAX_MESSAGE_CHARS ? `${candidate.slice(0, MAX_MESSAGE_CHARS)}…` : candidate;
}
