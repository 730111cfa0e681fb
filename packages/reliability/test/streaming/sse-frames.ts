import type { FaultStep, SseStep } from '@staunch/testing';

/** Raw SSE answers for the raw server: an OpenAI Chat stream and an Anthropic one. */
export const SSE_HEAD = 'HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncache-control: no-cache\r\n\r\n';

export function openAiChunk(content: string): string {
  return `data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content } }] })}\n\n`;
}

export const ANTHROPIC_START = 'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1"}}\n\n';
export const ANTHROPIC_DELTA =
  'event: content_block_delta\ndata: {"type":"content_block_delta","delta":{"type":"text_delta","text":"Hel"}}\n\n';
export const ANTHROPIC_OVERLOADED =
  'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n';

/** A fault-server SSE step that finishes as `finish` says. */
export function sseStep(events: string[], finish: NonNullable<SseStep['then']>): FaultStep {
  // biome-ignore lint/suspicious/noThenProperty: the fault server's agreed SseStep field; a string is never thenable.
  return { sse: { events, then: finish } };
}
