import { type ChildProcess, fork } from 'node:child_process';
import type { WorkerOrder, WorkerReport } from './shared-key-messages.js';

const WORKER = new URL('./shared-key-worker.ts', import.meta.url);
/** tsx compiles the worker on boot; two busy cores boot four of them in a few seconds. */
const WORKER_BOOT_MS = 30_000;

/**
 * Worker processes (forked with this process's tsx loader) kept for a whole scenario, so each
 * client's run starts from booted processes; every order builds a fresh client in the worker.
 */
export class WorkerPool {
  readonly #children: ChildProcess[];
  readonly #ready: Promise<void>;

  constructor(size: number) {
    this.#children = Array.from({ length: size }, () =>
      fork(WORKER, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
    );
    this.#ready = Promise.all(this.#children.map((child) => nextReport(child, 'ready', WORKER_BOOT_MS))).then(() => {});
  }

  get size(): number {
    return this.#children.length;
  }

  ready(): Promise<void> {
    return this.#ready;
  }

  /** Sends one order per worker and waits for every report (or `timeoutMs`). */
  async run(orders: readonly WorkerOrder[], timeoutMs: number): Promise<PromiseSettledResult<WorkerReport>[]> {
    await this.#ready;
    return Promise.allSettled(
      orders.map((order, i) => {
        const child = this.#children[i];
        if (child === undefined) throw new Error(`No worker ${i}`);
        const done = nextReport(child, 'done', timeoutMs);
        child.send(order);
        return done;
      }),
    );
  }

  close(): void {
    for (const child of this.#children) if (child.connected) child.disconnect();
  }
}

function nextReport(child: ChildProcess, type: WorkerReport['type'], timeoutMs: number): Promise<WorkerReport> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`worker did not report '${type}' in time`)), timeoutMs);
    const onMessage = (message: WorkerReport) => {
      if (message.type !== type) return;
      cleanup();
      resolve(message);
    };
    const onExit = (code: number | null) => fail(new Error(`worker exited (${code}) before '${type}'`));
    function fail(error: Error) {
      cleanup();
      reject(error);
    }
    function cleanup() {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
