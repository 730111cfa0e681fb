import { constants, type ServerHttp2Stream } from 'node:http2';
import type { H2ErrorCode, H2Step } from './types.js';

const OK_BODY = '{"ok":true}';
const ERROR_CODES: Record<H2ErrorCode, number> = {
  REFUSED_STREAM: constants.NGHTTP2_REFUSED_STREAM,
  INTERNAL_ERROR: constants.NGHTTP2_INTERNAL_ERROR,
};

/** Answers one request stream as the step says. */
export function answerStream(stream: ServerHttp2Stream, step: H2Step): void {
  if (stream.destroyed) return;
  if (step.fault === 'goaway') {
    goAway(stream);
    return;
  }
  if (step.fault === 'rst-stream') {
    stream.close(ERROR_CODES[step.code ?? 'REFUSED_STREAM']);
    return;
  }
  // Read the request body to its end before answering, as a real server would.
  stream.resume();
  stream.once('end', () => {
    if (stream.destroyed) return;
    const body = Buffer.from(step.body ?? OK_BODY, 'utf8');
    stream.respond({
      ':status': step.status ?? 200,
      'content-type': 'application/json',
      ...step.headers,
      'content-length': String(body.length),
    });
    stream.end(body);
  });
}

/**
 * A GOAWAY whose last stream id is below this stream's, so the client learns this request was
 * never processed and may send it again on a new connection (RFC 9113 §6.8, §8.7); then the
 * session closes. Node sends the last stream processed in place of a last stream id of 0, so on a
 * session's first stream the GOAWAY names this stream: the RST_STREAM REFUSED_STREAM that follows
 * says "not processed" then (a client already closed the stream if the GOAWAY excluded it).
 */
function goAway(stream: ServerHttp2Stream): void {
  const session = stream.session;
  if (session === undefined || session.destroyed) return;
  // Client streams are odd-numbered, so the one before this is `id - 2`.
  session.goaway(constants.NGHTTP2_NO_ERROR, Math.max(0, (stream.id ?? 1) - 2));
  stream.close(constants.NGHTTP2_REFUSED_STREAM);
  session.close();
}
