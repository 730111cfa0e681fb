/**
 * A parsed rule key. Keys are strings so that a policy stays a plain JSON object:
 * `"429"` (exact status), `"5xx"` (class), `"520-524"` (range), any of those plus, after a colon,
 * a provider error code (`"429:insufficient_quota"`), a code pattern with `*` wildcards
 * (`"429:*perday*"`), or `~` and words of the provider's message (`"400:~credit balance is too
 * low"`, for providers that only say it in words); `"network"` (optionally with the transport's
 * error code: `"network:enotfound"`, `"network:*cert*"`) and `"timeout"`.
 */
export type RuleKey =
  | {
      readonly kind: 'status';
      readonly from: number;
      readonly to: number;
      readonly exact: boolean;
      /** The text after the colon, lower-cased: a code, a pattern, or `~` and message words. */
      readonly code?: string;
      readonly matcher?: CodeMatcher;
    }
  | { readonly kind: 'network'; readonly code?: string; readonly matcher?: CodeMatcher }
  | { readonly kind: 'timeout' };

const STATUS = /^([1-5]\d\d)$/;
const CLASS = /^([1-5])xx$/;
const RANGE = /^([1-5]\d\d)-([1-5]\d\d)$/;
const CODE = /^[a-z0-9_.\-:/ *]{1,128}$/;
// A message fragment: any printable text (gateways answer in Chinese too), no control characters.
const MESSAGE = /^~[^\p{Cc}]{1,128}$/u;

/** How the text after the colon is compared with what the error body says. */
export type CodeMatcher = 'code' | 'glob' | 'message';

/** Parses a key, or returns the reason it is not one (used in the validation message). */
export function parseRuleKey(raw: string): RuleKey | string {
  const key = raw.trim().toLowerCase();
  if (key === 'network' || key === 'timeout') return { kind: key };
  if (key.startsWith('network:')) {
    // A transport error code such as ENOTFOUND or CERT_HAS_EXPIRED (Node's `code`, on the error or its cause).
    const code = key.slice('network:'.length).trim();
    if (!CODE.test(code))
      return 'after "network:" comes an error code such as "enotfound", or a pattern such as "*cert*"';
    return { kind: 'network', code, matcher: code.includes('*') ? 'glob' : 'code' };
  }
  const colon = key.indexOf(':');
  const statusPart = colon === -1 ? key : key.slice(0, colon);
  const code = colon === -1 ? undefined : key.slice(colon + 1).trim();
  if (code !== undefined && !CODE.test(code) && !MESSAGE.test(code)) {
    return 'after ":" comes a provider error code of 1–128 letters, digits or _ . - : / * (e.g. "429:insufficient_quota"), or ~ and up to 128 characters of its message (e.g. "400:~credit balance is too low")';
  }
  const withCode = code === undefined ? {} : { code, matcher: matcherOf(code) };
  let match = STATUS.exec(statusPart);
  if (match) {
    const status = Number(match[1]);
    if (status > 599) return 'HTTP statuses run from 100 to 599';
    return { kind: 'status', from: status, to: status, exact: true, ...withCode };
  }
  match = CLASS.exec(statusPart);
  if (match) {
    const base = Number(match[1]) * 100;
    return { kind: 'status', from: base, to: base + 99, exact: false, ...withCode };
  }
  match = RANGE.exec(statusPart);
  if (match) {
    const from = Number(match[1]);
    const to = Number(match[2]);
    if (to > 599 || from > to) return 'a range runs low-high within 100–599, e.g. "520-524"';
    return { kind: 'status', from, to, exact: false, ...withCode };
  }
  return 'expected a status 100–599 ("429"), a class ("5xx"), a range ("520-524"), any of those with a provider error code ("429:insufficient_quota"), "network" or "timeout"';
}

function matcherOf(code: string): CodeMatcher {
  if (code.startsWith('~')) return 'message';
  return code.includes('*') ? 'glob' : 'code';
}

/** The canonical spelling of a key, so `"5XX"` and `"5xx"` are recognised as the same rule. */
export function canonicalKey(key: RuleKey): string {
  if (key.kind === 'network' && key.code !== undefined) return `network:${key.code}`;
  if (key.kind !== 'status') return key.kind;
  const status = key.exact
    ? String(key.from)
    : key.to - key.from === 99 && key.from % 100 === 0
      ? `${key.from / 100}xx`
      : `${key.from}-${key.to}`;
  return key.code === undefined ? status : `${status}:${key.code}`;
}
