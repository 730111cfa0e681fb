import { Agent, request } from 'node:http';

/** What a plain `node:http` client saw: every outcome is a value, so tests can assert on faults. */
export interface RawResult {
  status?: number | undefined;
  headers?: Record<string, string | string[] | undefined>;
  /** Body bytes received, complete or not. */
  body: string;
  /** Chunks the body arrived in. */
  chunks: number;
  /** Set when the request or the body failed. */
  error?: NodeJS.ErrnoException;
  /** Set when the failure came after the headers. */
  failedAfterHeaders: boolean;
}

export interface RawOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  agent?: Agent;
  /** Abort after this long; the bound keeps a hanging server from hanging the test. @default 5000 */
  timeoutMs?: number;
}

export function rawRequest(url: string, options: RawOptions = {}): Promise<RawResult> {
  return new Promise((resolve) => {
    const result: RawResult = { body: '', chunks: 0, failedAfterHeaders: false };
    const finish = (error?: NodeJS.ErrnoException) => {
      if (error !== undefined && result.error === undefined) {
        result.error = error;
        // Node reports a reset mid-body on the request or on the response, depending on timing.
        result.failedAfterHeaders = result.status !== undefined;
      }
      resolve(result);
    };
    const req = request(url, {
      method: options.method ?? 'GET',
      headers: options.headers,
      agent: options.agent ?? new Agent({ keepAlive: false }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
    });
    req.on('error', finish);
    req.on('response', (res) => {
      result.status = res.statusCode;
      result.headers = res.headers;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        result.body += chunk;
        result.chunks++;
      });
      res.on('error', finish);
      res.on('end', () => finish());
    });
    req.end(options.body);
  });
}
