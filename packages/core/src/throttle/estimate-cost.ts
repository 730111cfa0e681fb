import type { ThrottleCost } from './throttle.js';

/** Roughly four characters of English per token (OpenAI's rule of thumb). */
const CHARS_PER_TOKEN = 4;

/** What a JSON request body tells Staunch about scope and cost. */
export interface RequestFacts {
  readonly model: string | undefined;
  readonly cost: ThrottleCost;
}

/**
 * Reads the model and an estimated token cost from an LLM request body (OpenAI-, Anthropic- and
 * Together-style JSON): prompt characters / 4 plus `max_tokens` (or `max_completion_tokens`,
 * `max_output_tokens`). A body that is not such JSON costs one request and no tokens.
 */
export function requestFacts(bodyText: string | undefined): RequestFacts {
  if (bodyText === undefined || !bodyText.trimStart().startsWith('{'))
    return { model: undefined, cost: { requests: 1, tokens: 0 } };
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return { model: undefined, cost: { requests: 1, tokens: 0 } };
  }
  if (typeof body !== 'object' || body === null) return { model: undefined, cost: { requests: 1, tokens: 0 } };
  const record = body as Record<string, unknown>;
  const model = typeof record.model === 'string' ? record.model : undefined;
  const promptChars =
    textLength(record.messages) + textLength(record.prompt) + textLength(record.input) + textLength(record.system);
  const output = firstNumber(record.max_tokens, record.max_completion_tokens, record.max_output_tokens);
  return { model, cost: { requests: 1, tokens: Math.ceil(promptChars / CHARS_PER_TOKEN) + output } };
}

function textLength(value: unknown, depth = 0): number {
  if (typeof value === 'string') return value.length;
  if (depth > 6 || typeof value !== 'object' || value === null) return 0;
  let total = 0;
  for (const item of Array.isArray(value) ? value : Object.values(value)) total += textLength(item, depth + 1);
  return total;
}

function firstNumber(...values: unknown[]): number {
  for (const value of values) {
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) return Math.ceil(value);
  }
  return 0;
}
