import axios from 'axios';
import { Agent } from 'undici';
import type { AdapterName } from './row.js';
import type { Send } from './send.js';

/** One adapter's way to speak HTTP/2 to a server whose self-signed certificate is `ca`. */
export interface H2Client {
  /** What `send` needs so the adapter's attempts go out over HTTP/2. */
  readonly send: Pick<Send, 'options' | 'axiosConfig'>;
  /**
   * One plain request on the connection the adapter's next call will use, so that call is the
   * session's second stream (id 3) and a GOAWAY can name stream 1 as the last one processed.
   * Resolves with the status.
   */
  warmUp(url: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * fetch and ky: Node's fetch with an undici `Agent` that negotiates h2 (ALPN) as dispatcher. Node's
 * fetch is the same undici (6.24.1) as the package's; the package's own `fetch` is not used because
 * it does not take the global `Request` objects ky hands its transport ("Failed to parse URL from
 * [object Request]"). axios: its own HTTP/2 transport (`httpVersion: 2`), whose sessions live in
 * one pool per process, keyed by origin and `http2Options`, so the warm-up shares the call's session.
 */
export function h2Client(adapter: AdapterName, ca: string): H2Client {
  if (adapter === 'axios') {
    const axiosConfig = { httpVersion: 2 as const, http2Options: { ca } };
    return {
      send: { axiosConfig },
      warmUp: async (url) => (await axios.get(url, axiosConfig)).status,
      // The server's close ends the sessions; axios then drops them from its pool.
      close: async () => {},
    };
  }
  const dispatcher = new Agent({ allowH2: true, connect: { ca } });
  // The package's Agent types differ from the copy Node's RequestInit names, not the runtime.
  const transport = (input: string | URL | Request, init?: RequestInit): Promise<Response> =>
    globalThis.fetch(input, { ...init, dispatcher } as unknown as RequestInit);
  return {
    send: { options: { fetch: transport } },
    warmUp: async (url) => {
      const response = await transport(url);
      await response.arrayBuffer();
      return response.status;
    },
    close: () => dispatcher.close(),
  };
}
