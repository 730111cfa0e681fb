import { createFetch } from '@staunch/fetch';
import { benchHeaders, CHAT_PATH, type ClientContext, type ClientFactory } from './types.js';

/**
 * Staunch's drop-in fetch with its defaults (the default engine brings the adaptive throttle
 * and the outage gate). Where the provider speaks OpenAI's headers a user picks the `openai`
 * preset, so the arena does too.
 */
export const staunchClient: ClientFactory = (context) => {
  const fetch = createFetch(presetFor(context));
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
};

function presetFor(context: ClientContext): { policy?: 'openai' } {
  return context.hint === 'openai' || context.hint === 'retry-after-ms' ? { policy: 'openai' } : {};
}
