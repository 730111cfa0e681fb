import { type AddressInfo, createServer, type Socket } from 'node:net';
import { TimerSet } from '../loopback/timer-set.js';
import type { RawServer, RawStep } from './types.js';

const LOOPBACK_HOST = '127.0.0.1';
const FILL_CHUNK = Buffer.alloc(64 * 1024, 'x');
/** A request head larger than this is not waited for (the client is hostile or streaming). */
const MAX_HEAD_BYTES = 64 * 1024;
const PATH_ID = /^[A-Z]+ \/r\/([^/?# ]+)/;

/** A TCP server on 127.0.0.1 that answers HTTP requests with scripted raw bytes ({@link RawStep}). */
export async function startRawServer(): Promise<RawServer> {
  const scripts = new Map<string, readonly RawStep[]>();
  const arrivals = new Map<string, number>();
  const written = new Map<string, number>();
  const sockets = new Set<Socket>();
  const timers = new TimerSet();
  let connections = 0;

  const server = createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let head = '';
    const onData = (data: Buffer): void => {
      head += data.toString('latin1');
      const capped = head.length >= MAX_HEAD_BYTES;
      if (!head.includes('\r\n') && !capped) return;
      const id = PATH_ID.exec(head)?.[1];
      const key = id === undefined ? '' : decodeURIComponent(id);
      const steps = scripts.get(key);
      const arrival = (arrivals.get(key) ?? 0) + 1;
      const step = steps?.[Math.min(arrival, steps.length) - 1];
      if (step?.answerAfter !== 'first-byte' && !head.includes('\r\n\r\n') && !capped) return;
      // From here on the request's remaining bytes are read and dropped.
      socket.off('data', onData);
      socket.resume();
      arrivals.set(key, arrival);
      if (step === undefined) return void socket.end('HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n');
      const count = (bytes: number): void => void written.set(key, (written.get(key) ?? 0) + bytes);
      answer(socket, step, timers, count).catch(() => socket.destroy());
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK_HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${LOOPBACK_HOST}:${port}`,
    script(id, steps) {
      if (steps.length === 0) throw new TypeError(`Expected \`steps\` for script "${id}" to hold at least one step`);
      scripts.set(id, [...steps]);
      arrivals.delete(id);
      written.delete(id);
    },
    arrivals: (id) => arrivals.get(id) ?? 0,
    written: (id) => written.get(id) ?? 0,
    get connections() {
      return connections;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        timers.clear();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}

async function answer(socket: Socket, step: RawStep, timers: TimerSet, count: (bytes: number) => void): Promise<void> {
  for (const [index, chunk] of step.chunks.entries()) {
    if (index > 0 && (step.intervalMs ?? 0) > 0) await timers.wait(step.intervalMs ?? 0);
    if (socket.destroyed) return;
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    socket.write(bytes);
    count(bytes.byteLength);
  }
  for (let left = step.fillBytes ?? 0; left > 0 && !socket.destroyed; left -= FILL_CHUNK.byteLength) {
    const piece = left >= FILL_CHUNK.byteLength ? FILL_CHUNK : FILL_CHUNK.subarray(0, left);
    count(piece.byteLength);
    if (!socket.write(piece)) await drained(socket);
  }
  if (socket.destroyed) return;
  switch (step.finish ?? 'end') {
    case 'reset':
      // Let the client read what was written first; a reset discards unread bytes.
      await timers.wait(25);
      socket.resetAndDestroy();
      return;
    case 'hang':
      return;
    default:
      socket.end();
  }
}

function drained(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.once('drain', done);
    socket.once('close', done);
  });
}
