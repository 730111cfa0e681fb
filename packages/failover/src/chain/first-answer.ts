import type { Slot } from './resolve-chain.js';

/** A key no answer has vouched for yet takes one call at a time: wait for the one in flight. */
export async function awaitFirstAnswer(slot: Slot, signal: AbortSignal): Promise<void> {
  while (!slot.proven && slot.firstAnswer !== undefined && !signal.aborted) {
    await new Promise<void>((resolve) => {
      const done = () => {
        signal.removeEventListener('abort', done);
        resolve();
      };
      signal.addEventListener('abort', done, { once: true });
      slot.firstAnswer?.then(done, done);
    });
  }
}

export function openFirstAnswer(slot: Slot): () => void {
  let resolve = () => {};
  slot.firstAnswer = new Promise<void>((r) => {
    resolve = r;
  });
  return () => {
    slot.proven = true;
    slot.firstAnswer = undefined;
    resolve();
  };
}
