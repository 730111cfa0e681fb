import type { Attributes } from '@opentelemetry/api';
import type { CallInfo } from '@staunch/core';
import { genAiSystem } from './gen-ai.js';
import { redactUrl } from './redact-url.js';

/** The methods the HTTP conventions name; any other is reported as `_OTHER`. */
const KNOWN_METHODS = new Set([
  'CONNECT',
  'DELETE',
  'GET',
  'HEAD',
  'OPTIONS',
  'PATCH',
  'POST',
  'PUT',
  'TRACE',
  'QUERY',
]);

/** What every span of a call carries: the request (HTTP conventions) and the provider (GenAI conventions). */
export function requestAttributes(call: CallInfo, redactKeys: ReadonlySet<string>): Attributes {
  const attributes: Attributes = { 'staunch.policy': call.policy };
  const request = call.request;
  if (request !== undefined) {
    const method = request.method.toUpperCase();
    if (KNOWN_METHODS.has(method)) attributes['http.request.method'] = method;
    else Object.assign(attributes, { 'http.request.method': '_OTHER', 'http.request.method_original': request.method });
    const full = redactUrl(request.url, redactKeys);
    if (full !== undefined) {
      const url = new URL(full);
      attributes['url.full'] = full;
      attributes['server.address'] = url.hostname.replace(/^\[|\]$/g, '');
      attributes['server.port'] = url.port === '' ? defaultPort(url.protocol) : Number(url.port);
    }
    if (request.model !== undefined) attributes['gen_ai.request.model'] = request.model;
  }
  const system = genAiSystem(call.policy);
  if (system !== undefined) {
    attributes['gen_ai.system'] = system;
    attributes['gen_ai.provider.name'] = system;
  }
  return attributes;
}

function defaultPort(protocol: string): number {
  return protocol === 'http:' ? 80 : 443;
}

/** The method as span names use it (`POST`), `HTTP` when unknown, as the conventions say. */
export function spanMethod(call: CallInfo): string {
  const method = call.request?.method.toUpperCase();
  return method !== undefined && KNOWN_METHODS.has(method) ? method : 'HTTP';
}
