import type { IncomingMessage } from 'node:http';
import { requestFacts } from '@staunch/core';
import type { RequestView } from './decide.js';

/** What the provider's rules look at, read once from the request head and the whole body. */
export function requestView(req: IncomingMessage, bodyText: string): RequestView & { stream: boolean } {
  // Cost is estimated as core's throttle estimates it, so client and server agree on tokens.
  const facts = requestFacts(bodyText);
  return {
    method: req.method ?? 'GET',
    path: req.url ?? '/',
    key: header(req, 'authorization') ?? header(req, 'x-api-key') ?? 'anonymous',
    bodyText,
    model: facts.model,
    tokens: facts.cost.tokens,
    poison: header(req, 'x-poison'),
    stream: wantsStream(bodyText),
  };
}

/** The id arrivals are counted under: `x-request-id`, else `x-test-id`. */
export function requestIdOf(req: IncomingMessage): string | undefined {
  return header(req, 'x-request-id') ?? header(req, 'x-test-id');
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function wantsStream(bodyText: string): boolean {
  try {
    const parsed: unknown = JSON.parse(bodyText);
    return typeof parsed === 'object' && parsed !== null && (parsed as { stream?: unknown }).stream === true;
  } catch {
    return false;
  }
}
