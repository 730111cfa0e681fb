/** One server-sent event: its `event:` name (default `message`) and its joined `data:` lines. */
export interface SseEvent {
  readonly event: string;
  readonly data: string;
}

/**
 * The most text kept for one unfinished event. A longer event is let through uninspected, so a
 * hostile stream cannot make the guard buffer without bound (the caller still gets every byte).
 */
export const MAX_EVENT_CHARS = 1024 * 1024;

/**
 * Splits decoded SSE text into events as it arrives (WHATWG HTML §9.2.6: lines end in CRLF, LF
 * or CR; a blank line ends an event; lines starting with `:` are comments).
 */
export class SseEventSplitter {
  #pending = '';
  #lines: string[] = [];
  #overflowed = false;

  push(text: string): SseEvent[] {
    const events: SseEvent[] = [];
    this.#pending += text;
    // A CR at the very end may be the first half of a CRLF: keep it until the next chunk.
    const parts = this.#pending.split(/\r\n|\r(?!$)|\n/);
    this.#pending = parts.pop() ?? '';
    for (const line of parts) {
      if (line.length === 0) {
        const event = this.#finish();
        if (event !== undefined) events.push(event);
      } else if (!this.#overflowed) {
        this.#lines.push(line);
      }
    }
    if (this.#pending.length > MAX_EVENT_CHARS) {
      this.#overflowed = true;
      this.#pending = '';
      this.#lines = [];
    }
    return events;
  }

  #finish(): SseEvent | undefined {
    const lines = this.#lines;
    const overflowed = this.#overflowed;
    this.#lines = [];
    this.#overflowed = false;
    if (overflowed || lines.length === 0) return undefined;
    let event = 'message';
    const data: string[] = [];
    for (const line of lines) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length === 0 && event === 'message') return undefined;
    return { event, data: data.join('\n') };
  }
}
