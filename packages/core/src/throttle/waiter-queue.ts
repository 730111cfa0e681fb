/** A node of {@link WaiterQueue}; `queued` is false once it has left the queue. */
export interface QueueNode<T> {
  readonly value: T;
  prev: QueueNode<T> | undefined;
  next: QueueNode<T> | undefined;
  queued: boolean;
}

/**
 * A FIFO with O(1) push, shift and removal from the middle (an aborted waiter leaves at once,
 * however long the queue): a doubly linked list.
 */
export class WaiterQueue<T> {
  #head: QueueNode<T> | undefined;
  #tail: QueueNode<T> | undefined;
  #size = 0;

  get size(): number {
    return this.#size;
  }

  peek(): T | undefined {
    return this.#head?.value;
  }

  push(value: T): QueueNode<T> {
    const node: QueueNode<T> = { value, prev: this.#tail, next: undefined, queued: true };
    if (this.#tail === undefined) this.#head = node;
    else this.#tail.next = node;
    this.#tail = node;
    this.#size += 1;
    return node;
  }

  shift(): T | undefined {
    const head = this.#head;
    if (head === undefined) return undefined;
    this.remove(head);
    return head.value;
  }

  /** Removes `node` if it is still queued; returns whether it was. */
  remove(node: QueueNode<T>): boolean {
    if (!node.queued) return false;
    node.queued = false;
    if (node.prev === undefined) this.#head = node.next;
    else node.prev.next = node.next;
    if (node.next === undefined) this.#tail = node.prev;
    else node.next.prev = node.prev;
    node.prev = undefined;
    node.next = undefined;
    this.#size -= 1;
    return true;
  }
}

/**
 * Queues `value` until it is shifted or `signal` aborts: on abort it leaves the queue at once and
 * `onAbort(reason)` runs. `detach` removes the listener; call it when the value leaves otherwise.
 */
export function queueAbortable<T>(
  queue: WaiterQueue<T>,
  value: T,
  signal: AbortSignal | undefined,
  onAbort: (reason: unknown) => void,
): { readonly node: QueueNode<T>; readonly detach: () => void } {
  const node = queue.push(value);
  if (signal === undefined) return { node, detach: () => {} };
  const abort = (): void => {
    if (queue.remove(node)) onAbort(signal.reason);
  };
  signal.addEventListener('abort', abort, { once: true });
  return { node, detach: () => signal.removeEventListener('abort', abort) };
}
