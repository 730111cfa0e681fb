/** True for a `content-type` naming a server-sent-event stream (`text/event-stream`, any parameters). */
export function isEventStreamType(contentType: string | null | undefined): boolean {
  return contentType !== null && contentType !== undefined && /^\s*text\/event-stream\b/i.test(contentType);
}
