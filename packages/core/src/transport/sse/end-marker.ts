import type { SseEvent } from './sse-events.js';

/** The stream dialects whose end is marked, and the marker each must end with (providers.md §14). */
export type SseDialect = 'openai-chat' | 'openai-responses' | 'anthropic';

const MARKER: Readonly<Record<SseDialect, string>> = {
  'openai-chat': 'data: [DONE]',
  'openai-responses': 'response.completed',
  anthropic: 'message_stop',
};

/**
 * Watches a stream for its end marker. The dialect is learnt from the first event that names
 * it; a stream whose dialect is never recognised (Gemini ends at EOF) needs no marker.
 */
export class EndMarkerWatch {
  #dialect: SseDialect | undefined;
  #ended = false;

  see(event: SseEvent): void {
    if (event.data === '[DONE]') {
      this.#ended = true;
      return;
    }
    const type = typeOf(event);
    if (type === 'message_stop' || type === 'response.completed' || type === 'response.incomplete') {
      this.#ended = true;
      return;
    }
    this.#dialect ??= dialectOf(event, type);
  }

  /** The marker the stream still owes, or `undefined` when it may end here. */
  get missing(): string | undefined {
    return this.#ended || this.#dialect === undefined ? undefined : MARKER[this.#dialect];
  }
}

function typeOf(event: SseEvent): string | undefined {
  if (event.event !== 'message') return event.event;
  const match =
    /^\{\s*"type"\s*:\s*"([^"]+)"/.exec(event.data) ?? /"type"\s*:\s*"(response\.[a-z_.]+)"/.exec(event.data);
  return match?.[1];
}

function dialectOf(event: SseEvent, type: string | undefined): SseDialect | undefined {
  if (type === 'message_start') return 'anthropic';
  if (type?.startsWith('response.')) return 'openai-responses';
  if (/"object"\s*:\s*"(chat\.completion\.chunk|text_completion)"/.test(event.data)) return 'openai-chat';
  if (event.event === 'message' && /"choices"\s*:\s*\[/.test(event.data)) return 'openai-chat';
  return undefined;
}
