import { describe, expect, it } from 'vitest';
import { EndMarkerWatch } from './end-marker.js';
import type { SseEvent } from './sse-events.js';

function watchOf(events: SseEvent[]): EndMarkerWatch {
  const watch = new EndMarkerWatch();
  for (const event of events) watch.see(event);
  return watch;
}

const chunk = { event: 'message', data: '{"object":"chat.completion.chunk","choices":[{"delta":{"content":"a"}}]}' };

describe('EndMarkerWatch', () => {
  it('an OpenAI Chat stream owes [DONE] until it arrives', () => {
    expect(watchOf([chunk]).missing).toBe('data: [DONE]');
    expect(watchOf([chunk, { event: 'message', data: '[DONE]' }]).missing).toBeUndefined();
  });

  it('an Anthropic stream owes message_stop', () => {
    const start = { event: 'message_start', data: '{"type":"message_start"}' };
    expect(watchOf([start]).missing).toBe('message_stop');
    expect(watchOf([start, { event: 'message_stop', data: '{"type":"message_stop"}' }]).missing).toBeUndefined();
  });

  it('an OpenAI Responses stream owes response.completed', () => {
    const created = { event: 'message', data: '{"type":"response.created","response":{}}' };
    expect(watchOf([created]).missing).toBe('response.completed');
    expect(watchOf([created, { event: 'message', data: '{"type":"response.completed"}' }]).missing).toBeUndefined();
  });

  it('a stream of an unknown dialect (Gemini ends at EOF) owes nothing', () => {
    expect(watchOf([{ event: 'message', data: '{"candidates":[]}' }]).missing).toBeUndefined();
  });
});
