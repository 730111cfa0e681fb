import { createFetch } from '@staunch/fetch';
import type { HintStyle } from '@staunch/testing';
import { type ArenaClient, benchHeaders, CHAT_PATH, type ClientContext, type ClientFactory } from './types.js';

/** Dialects an OpenAI-compatible server speaks; a user would pick the `openai` preset for them. */
export const OPENAI_HINTS: ReadonlySet<HintStyle> = new Set<HintStyle>(['openai', 'openai-ms', 'retry-after-ms']);

/**
 * Staunch's drop-in fetch with its defaults (the default engine brings the adaptive throttle
 * and the outage gate). Where the provider speaks OpenAI's headers a user picks the `openai`
 * preset, so the arena does too; the sweep names the policy itself (`context.policy`).
 */
export const staunchClient: ClientFactory = (context) => staunchWith(context, {});

/**
 * Diagnostic, not a contender: the same engine with the throttle off, so the overhead scenario
 * can tell the engine's own cost from the throttle's slow start.
 */
export const staunchUnthrottledClient: ClientFactory = (context) => staunchWith(context, { throttle: false });

function staunchWith(context: ClientContext, extra: { throttle?: false }): ArenaClient {
  const fetch = createFetch({ ...presetFor(context), ...extra });
  return {
    async send(request) {
      const response = await fetch(`${context.baseUrl}${CHAT_PATH}`, {
        method: 'POST',
        headers: benchHeaders(context, request),
        body: request.body,
        signal: request.signal,
      });
      await response.arrayBuffer();
      return { ok: response.ok, status: response.status };
    },
  };
}

function presetFor(context: ClientContext): { policy?: string } {
  if (context.policy !== undefined) return { policy: context.policy };
  return OPENAI_HINTS.has(context.hint) ? { policy: 'openai' } : {};
}
