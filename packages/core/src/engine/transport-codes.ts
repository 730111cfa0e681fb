const MAX_DEPTH = 4;

/**
 * Failures fetch (undici) raises with a message and no code, given the code they lack. A redirect
 * loop: axios (follow-redirects) says `ERR_FR_TOO_MANY_REDIRECTS`, undici only this message.
 */
const UNCODED: ReadonlyMap<string, string> = new Map([['redirect count exceeded', 'err_too_many_redirects']]);

/**
 * The error codes a transport failure carries, lower-cased, outermost first: Node sets `code`
 * (`ENOTFOUND`, `ECONNRESET`, `CERT_HAS_EXPIRED`) on the error, and fetch wraps it as the
 * `cause` of a `TypeError`. Never throws, whatever the thrown value is.
 */
export function transportCodes(error: unknown): string[] {
  const codes: string[] = [];
  let node: unknown = error;
  for (let depth = 0; depth < MAX_DEPTH && typeof node === 'object' && node !== null; depth++) {
    let code: unknown;
    let cause: unknown;
    try {
      code = (node as { code?: unknown }).code;
      cause = (node as { cause?: unknown }).cause;
      const message = (node as { message?: unknown }).message;
      if (code === undefined && typeof message === 'string') code = UNCODED.get(message);
    } catch {
      break;
    }
    if (typeof code === 'string' && code.length > 0 && code.length <= 64) codes.push(code.toLowerCase());
    node = cause;
  }
  return codes;
}
