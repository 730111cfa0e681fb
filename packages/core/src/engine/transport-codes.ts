const MAX_DEPTH = 4;

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
    } catch {
      break;
    }
    if (typeof code === 'string' && code.length > 0 && code.length <= 64) codes.push(code.toLowerCase());
    node = cause;
  }
  return codes;
}
