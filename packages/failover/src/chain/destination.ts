import { apiKeyOf, scopeKey } from '@staunch/core';
import { CREDENTIAL_HEADERS } from './auth-placement.js';
import type { Slot, Target } from './resolve-chain.js';
import { type BodyView, rewriteModel } from './rewrite-model.js';

/** Where one attempt of a routed call goes, as the adapter sends it. */
export interface Destination {
  readonly target: string;
  /** The key's index in the target's `keys`, when it has keys. */
  readonly key: number | undefined;
  /** The target's `baseURL` plus the request's path and query. */
  readonly url: string;
  readonly headers: Headers;
  /** A replacement body (the model rewritten for this target), or `undefined` to send the request's own. */
  readonly body: string | undefined;
  readonly model: string | undefined;
  readonly scope: string;
}

/**
 * The request re-based onto `target`: the rest of the URL after the entry's `baseURL` appended to
 * this one's; the entry's credentials never sent to another target; the target's headers over the
 * request's; the key where its provider expects it; the model rewritten.
 */
export function destinationFor(
  target: Target,
  slot: Slot,
  request: { readonly headers: Headers; readonly rest: string; readonly body: BodyView },
  isEntry: boolean,
): Destination {
  const headers = new Headers(request.headers);
  const own = new Set(target.headers.map(([name]) => name));
  if (!isEntry || slot.key !== undefined) {
    for (const name of CREDENTIAL_HEADERS) if (!own.has(name)) headers.delete(name);
  }
  for (const [name, value] of target.headers) headers.set(name, value);
  if (slot.key !== undefined) headers.set(target.placement.header, `${target.placement.prefix}${slot.key}`);
  const { model, text } = rewriteModel(request.body, target.model);
  const body = text === request.body.text ? undefined : text;
  if (body !== undefined) headers.delete('content-length');
  return {
    target: target.name,
    key: slot.index,
    url: `${target.baseURL}${request.rest}`,
    headers,
    body,
    model,
    scope: scopeKey({ provider: target.engine.policy.name, apiKey: slot.key ?? apiKeyOf(headers), model }),
  };
}
