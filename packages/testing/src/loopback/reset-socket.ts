import type { Socket } from 'node:net';
import type { TimerSet } from './timer-set.js';

/**
 * A reset discards whatever the peer has not read yet, so after writing a prefix we let the
 * client read it before resetting; otherwise "reset after headers" could look like "before".
 */
const RESET_SETTLE_MS = 25;

/** Aborts the connection with a TCP RST (the client sees ECONNRESET) once the prefix is read. */
export async function resetAfterSettle(socket: Socket, timers: TimerSet): Promise<void> {
  await timers.wait(RESET_SETTLE_MS);
  socket.resetAndDestroy();
}

/** True when the client has gone (or the server closed the socket). */
export function gone(socket: Socket | null): boolean {
  return socket === null || socket.destroyed;
}
