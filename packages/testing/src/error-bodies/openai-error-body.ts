/** The fields of an OpenAI-shaped error. `code` may be a number (Cloudflare 524 does that). */
export interface OpenAiErrorFields {
  readonly message: string;
  readonly type: string | null;
  readonly param?: string | null;
  readonly code: string | number | null;
}

/** `{"error":{"message","type","param","code"}}` — the OpenAI error shape (providers.md §2.3). */
export function openAiErrorBody(fields: OpenAiErrorFields): string {
  return JSON.stringify({
    error: { message: fields.message, type: fields.type, param: fields.param ?? null, code: fields.code },
  });
}

// Each entry mirrors what OpenAI (or Cloudflare in front of it) sends for that status; providers.md §2.1–2.3.
const BY_STATUS: Readonly<Record<number, OpenAiErrorFields>> = {
  400: { message: 'Invalid request.', type: 'invalid_request_error', code: null },
  401: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' },
  403: { message: 'Country, region, or territory not supported.', type: 'invalid_request_error', code: null },
  404: { message: 'The model does not exist.', type: 'invalid_request_error', code: 'model_not_found' },
  429: {
    message: 'Rate limit reached for requests. Please try again in 1s.',
    type: 'requests',
    code: 'rate_limit_exceeded',
  },
  500: { message: 'The server had an error while processing your request.', type: 'server_error', code: null },
  503: {
    message: 'The server is overloaded. Please try again later.',
    type: 'service_unavailable_error',
    code: 'server_is_overloaded',
  },
  524: { message: 'Gateway timeout.', type: 'cf_gateway_timeout', code: 524 },
};

/** A plausible OpenAI error body for any status ≥ 400. */
export function defaultOpenAiError(status: number): string {
  const known = BY_STATUS[status];
  if (known !== undefined) return openAiErrorBody(known);
  const type = status >= 500 ? 'server_error' : 'invalid_request_error';
  return openAiErrorBody({ message: `HTTP ${status}`, type, code: null });
}
