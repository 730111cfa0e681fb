import type { IncomingMessage } from 'node:http';

const PATH_ID = /^\/s\/([^/?#]+)/;

/** The script a request belongs to: header `x-test-id`, else path `/s/<id>/…`, else `''`. */
export function scriptId(req: IncomingMessage): string {
  const header = req.headers['x-test-id'];
  if (typeof header === 'string' && header.length > 0) return header;
  const match = PATH_ID.exec(req.url ?? '');
  return match?.[1] === undefined ? '' : decodeURIComponent(match[1]);
}
