import { type H2Step, startH2FaultServer } from '@staunch/testing';
import { h2Client } from './h2-clients.js';
import type { CaseContext, Expectation, Row, Seen } from './row.js';

// §9.2 C26: HTTP/2 GOAWAY and RST_STREAM, against an h2-only server (no HTTP/1.1 fallback), one
// server per case. A GOAWAY that excludes the request and an RST_STREAM REFUSED_STREAM both mean
// "not processed, safe to send again" (RFC 9113 §8.7). fetch and ky see undici's UND_ERR_SOCKET
// ("GOAWAY frame received") or ERR_HTTP2_STREAM_ERROR; axios sees ERR_HTTP2_STREAM_ERROR for both
// (Node closes a stream a GOAWAY excluded with REFUSED_STREAM). Staunch retries them as network
// errors, like ECONNRESET.
const retried: Expectation = { arrivals: 2, outcome: '200' };

/**
 * Sends one GET through the adapter over HTTP/2 to a script of `steps`. With `warm`, one plain
 * request opens the connection first, so the call is its second stream. Outcomes gain an entry
 * for any arrival that negotiated anything but h2, and for a warm-up that missed the call's connection.
 */
function overH2(steps: H2Step[], warm = false) {
  return async ({ adapter, id, send }: CaseContext): Promise<Seen> => {
    const server = await startH2FaultServer();
    const client = h2Client(adapter, server.ca);
    try {
      if (warm) await client.warmUp(`${server.url}/warm-up`);
      server.script(id, steps);
      const outcome = await send({ url: `${server.url}/s/${id}/v1/chat/completions`, ...client.send });
      const other = server.requests().filter((r) => r.alpnProtocol !== 'h2');
      const cold = warm && server.requests(id)[0]?.stream === 1 ? ['warm-up on another connection'] : [];
      return {
        arrivals: server.arrivals(id),
        outcomes: [outcome, ...other.map((r) => `not h2: ${r.alpnProtocol || 'none'}`), ...cold],
      };
    } finally {
      await client.close();
      await server.close();
    }
  };
}

export const ROWS_H2: readonly Row[] = [
  {
    id: 'C26',
    title: 'HTTP/2 GOAWAY / RST_STREAM',
    cases: [
      {
        name: 'GOAWAY excluding the request',
        run: overH2([{ fault: 'goaway' }, { status: 200 }], true),
        expect: retried,
      },
      {
        name: 'RST_STREAM REFUSED_STREAM',
        run: overH2([{ fault: 'rst-stream', code: 'REFUSED_STREAM' }, { status: 200 }]),
        expect: retried,
      },
      // The server may have started on it, so only an idempotent request should be sent again;
      // this one is a GET. Staunch does not tell the two codes apart: both are network errors.
      {
        name: 'RST_STREAM INTERNAL_ERROR on a GET',
        run: overH2([{ fault: 'rst-stream', code: 'INTERNAL_ERROR' }, { status: 200 }]),
        expect: retried,
      },
    ],
  },
];
