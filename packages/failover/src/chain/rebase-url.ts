/** A `baseURL` without its trailing slashes, so `…/v1` and `…/v1/` match the same requests. */
export function normalizeBaseURL(baseURL: string): string {
  return baseURL.replace(/\/+$/, '');
}

/**
 * The rest of `url` after `baseURL` (path and query), or `undefined` when `url` is not under it:
 * `https://h/v1` matches `https://h/v1/chat` and `https://h/v1?x`, not `https://h/v10`.
 */
export function restOf(url: string, baseURL: string): string | undefined {
  if (!url.startsWith(baseURL)) return undefined;
  const rest = url.slice(baseURL.length);
  if (rest === '' || rest.startsWith('/') || rest.startsWith('?') || rest.startsWith('#')) return rest;
  return undefined;
}
