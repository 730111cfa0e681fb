/**
 * Query keys whose values are credentials: the semantic conventions' defaults for `url.full`
 * (`AWSAccessKeyId`, `Signature`, `sig`, `X-Goog-Signature`) plus the keys LLM APIs take a key
 * in (Gemini's `key`, gateways' `api_key`, `token`). Compared case-insensitively.
 */
export const DEFAULT_REDACTED_QUERY_KEYS: readonly string[] = Object.freeze([
  'key',
  'api_key',
  'api-key',
  'apikey',
  'token',
  'access_token',
  'auth',
  'password',
  'secret',
  'sig',
  'signature',
  'awsaccesskeyid',
  'x-goog-signature',
  'x-amz-signature',
  'x-amz-security-token',
]);

const REDACTED = 'REDACTED';

/**
 * `url.full` with credentials replaced by `REDACTED`: user and password (as the conventions ask)
 * and the values of the given query keys. A URL that does not parse is returned as `undefined`,
 * never raw: it might hold a secret we cannot find.
 */
export function redactUrl(url: string, keys: ReadonlySet<string>): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.username !== '') parsed.username = REDACTED;
  if (parsed.password !== '') parsed.password = REDACTED;
  if (parsed.search === '') return parsed.href;
  // Rebuilt by hand: URLSearchParams would re-encode the values we keep.
  const query = parsed.search
    .slice(1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals === -1 ? pair : pair.slice(0, equals);
      return keys.has(safeDecode(name).toLowerCase()) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
  return `${parsed.protocol}//${userinfo(parsed)}${parsed.host}${parsed.pathname}?${query}${parsed.hash}`;
}

function userinfo(url: URL): string {
  if (url.username === '' && url.password === '') return '';
  return url.password === '' ? `${url.username}@` : `${url.username}:${url.password}@`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
