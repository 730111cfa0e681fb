import { type ChildProcess, fork } from 'node:child_process';
import type { MockProviderOptions } from '@staunch/testing';
import type { HostOrder, HostReply, ProviderReading } from './provider-messages.js';

const HOST = new URL('./provider-host.ts', import.meta.url);
const HOST_BOOT_MS = 30_000;

/** A mock provider running in the host process. */
export interface RemoteProvider {
  readonly url: string;
  /** When it started, on the shared clock. */
  readonly startedAt: number;
  /** Reads its counters (arrivals of the given poison ids too) and closes it. */
  finish(poisonIds: readonly string[]): Promise<ProviderReading>;
}

/** The arena's side of the provider host: one child process for every provider of the run. */
export class ProviderHost {
  readonly #child: ChildProcess;
  readonly #pending = new Map<number, (reply: HostReply) => void>();
  readonly #ready: Promise<void>;
  #nextId = 0;

  constructor() {
    this.#child = fork(HOST, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.#ready = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the provider host did not start')), HOST_BOOT_MS);
      this.#child.on('message', (message: HostReply) => {
        if (message.type === 'ready') {
          clearTimeout(timer);
          resolve();
          return;
        }
        this.#pending.get(message.id)?.(message);
        this.#pending.delete(message.id);
      });
    });
  }

  async start(options: MockProviderOptions): Promise<RemoteProvider> {
    const started = await this.#ask({ type: 'start', id: this.#nextId++, options });
    if (started.type !== 'started') throw new Error(`provider did not start: ${describe(started)}`);
    return {
      url: started.url,
      startedAt: started.startedAt,
      finish: async (poisonIds) => {
        const finished = await this.#ask({ type: 'finish', id: started.id, poisonIds });
        if (finished.type !== 'finished') throw new Error(`provider did not finish: ${describe(finished)}`);
        return finished.reading;
      },
    };
  }

  close(): void {
    this.#child.disconnect();
  }

  async #ask(order: HostOrder): Promise<HostReply> {
    await this.#ready;
    return new Promise((resolve) => {
      this.#pending.set(order.id, resolve);
      this.#child.send(order);
    });
  }
}

function describe(reply: HostReply): string {
  return reply.type === 'failed' ? reply.message : reply.type;
}
