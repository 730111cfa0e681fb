/** The statuses the generic peers are told to retry: rate limits, and server errors including Cloudflare's 52x. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

/** A final HTTP status carried through a retry library that works on thrown errors. */
export class StatusError extends Error {
  readonly status: number;
  readonly headers: Headers;

  constructor(response: Response) {
    super(`HTTP ${response.status}`);
    this.name = 'StatusError';
    this.status = response.status;
    this.headers = response.headers;
  }
}

/** The status a thrown error carries, 0 for a network error. */
export function statusOfError(error: unknown): number {
  if (typeof error !== 'object' || error === null) return 0;
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' ? status : 0;
}
