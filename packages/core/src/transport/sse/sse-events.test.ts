import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { MAX_EVENT_CHARS, type SseEvent, SseEventSplitter } from './sse-events.js';

describe('SseEventSplitter', () => {
  it('reads named events, multi-line data, comments and every line ending', () => {
    const splitter = new SseEventSplitter();
    const text = ': ping\r\n\r\nevent: error\r\ndata: {"a":1}\r\rdata: one\ndata: two\n\n';
    expect(splitter.push(text)).toEqual([
      { event: 'error', data: '{"a":1}' },
      { event: 'message', data: 'one\ntwo' },
    ]);
  });

  // Chunk boundaries are arbitrary on the wire, even inside a CRLF.
  test.prop([fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 20 })])(
    'any split of the stream yields the same events',
    (cuts) => {
      const wire = 'event: message_start\r\ndata: {"x":1}\r\n\r\ndata: [DONE]\r\n\r\n';
      const whole = new SseEventSplitter().push(wire);
      const splitter = new SseEventSplitter();
      const pieces: SseEvent[] = [];
      let at = 0;
      for (const cut of cuts) {
        pieces.push(...splitter.push(wire.slice(at, at + cut)));
        at += cut;
      }
      pieces.push(...splitter.push(wire.slice(at)));
      expect(pieces).toEqual(whole);
    },
  );

  it('drops an event larger than the cap instead of buffering it, and recovers on the next one', () => {
    const splitter = new SseEventSplitter();
    const huge = `data: ${'x'.repeat(MAX_EVENT_CHARS + 10)}`;
    expect(splitter.push(huge)).toEqual([]);
    expect(splitter.push('\n\ndata: after\n\n')).toEqual([{ event: 'message', data: 'after' }]);
  });
});
