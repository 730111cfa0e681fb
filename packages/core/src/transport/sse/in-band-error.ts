import type { Reason } from '../../policy/reason.js';
import type { SseEvent } from './sse-events.js';

/** An error a provider sent inside an HTTP 200 stream (providers.md §14). */
export interface InBandError {
  readonly reason: Reason;
  /** The provider's error type or code, e.g. `overloaded_error`. */
  readonly code: string | undefined;
  readonly message: string | undefined;
}

/** Provider messages are quoted in errors; a hostile one must not be huge. */
const MAX_MESSAGE_CHARS = 500;

// In-band types mapped as their HTTP equivalents would be (providers.md §14, rule 3).
const REASON_BY_CODE: Readonly<Record<string, Reason>> = {
  overloaded_error: 'overloaded',
  rate_limit_error: 'rate-limit',
  rate_limit_exceeded: 'rate-limit',
  server_error: 'server-error',
  api_error: 'server-error',
  timeout_error: 'gateway-timeout',
  insufficient_quota: 'quota',
  invalid_request_error: 'invalid-request',
  authentication_error: 'auth',
  permission_error: 'permission',
};

/**
 * The in-band error an event carries, if any: Anthropic and OpenAI Responses `event: error`,
 * OpenAI Chat / OpenRouter / Gemini `data: {"error": …}` (object or string), Responses
 * `response.failed`, and a choice finishing with `finish_reason: "error"` (OpenRouter).
 */
export function inBandError(event: SseEvent): InBandError | undefined {
  const json = parseJson(event.data);
  if (event.event === 'error') return fromPayload(json?.error ?? json);
  if (json === undefined) return undefined;
  if (json.type === 'error') return fromPayload(json.error ?? json);
  if (json.type === 'response.failed') return fromPayload(record(json.response)?.error);
  if ('error' in json && json.error !== null && json.error !== undefined) return fromPayload(json.error);
  const choices = Array.isArray(json.choices) ? json.choices : [];
  if (choices.some((choice) => record(choice)?.finish_reason === 'error')) {
    return { reason: 'unknown', code: 'finish_reason_error', message: undefined };
  }
  return undefined;
}

function fromPayload(payload: unknown): InBandError {
  if (typeof payload === 'string') return { reason: 'unknown', code: undefined, message: clip(payload) };
  const error = record(payload);
  const code = text(error?.type) ?? text(error?.code) ?? text(error?.status);
  const status = typeof error?.code === 'number' ? error.code : undefined;
  return {
    reason: (code === undefined ? undefined : REASON_BY_CODE[code]) ?? reasonOfStatus(status),
    code,
    message: clip(text(error?.message)),
  };
}

function reasonOfStatus(status: number | undefined): Reason {
  if (status === 429) return 'rate-limit';
  if (status === 503 || status === 529) return 'overloaded';
  if (status !== undefined && status >= 500) return 'server-error';
  return 'unknown';
}

function parseJson(data: string): Record<string, unknown> | undefined {
  if (!data.startsWith('{')) return undefined;
  try {
    return record(JSON.parse(data));
  } catch {
    return undefined;
  }
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function clip(value: string | undefined): string | undefined {
  return value === undefined || value.length <= MAX_MESSAGE_CHARS ? value : `${value.slice(0, MAX_MESSAGE_CHARS)}…`;
}
