import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface ReadBody {
  readonly text: string;
  readonly bytes: number;
  readonly sha256: string;
  /** False when the client went away before the body ended. */
  readonly complete: boolean;
}

/**
 * Reads the whole request body before any answer, so a retried request can be compared with
 * the first by hash and length. A client that aborts mid-upload yields what arrived.
 */
export async function readBody(req: IncomingMessage): Promise<ReadBody> {
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let bytes = 0;
  let complete = true;
  try {
    for await (const chunk of req) {
      const buffer = chunk as Buffer;
      hash.update(buffer);
      chunks.push(buffer);
      bytes += buffer.length;
    }
  } catch {
    complete = false;
  }
  return { text: Buffer.concat(chunks).toString('utf8'), bytes, sha256: hash.digest('hex'), complete };
}
