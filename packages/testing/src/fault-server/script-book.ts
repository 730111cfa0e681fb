import type { FaultStep, RecordedRequest } from './types.js';

/** Scripts, arrival counts and records, kept apart from the sockets so they are easy to reason about. */
export class ScriptBook {
  readonly #scripts = new Map<string, readonly FaultStep[]>();
  readonly #arrivals = new Map<string, number>();
  #records: RecordedRequest[] = [];

  script(id: string, steps: readonly FaultStep[]): void {
    if (steps.length === 0) throw new TypeError(`Expected \`steps\` for script "${id}" to hold at least one step`);
    this.#scripts.set(id, [...steps]);
    this.#arrivals.delete(id);
  }

  /** Counts an arrival and returns its 1-based number and the step that answers it. */
  arrive(id: string): { attempt: number; step: FaultStep } {
    const attempt = (this.#arrivals.get(id) ?? 0) + 1;
    this.#arrivals.set(id, attempt);
    const steps = this.#scripts.get(id);
    // The last step repeats, so a script of one step answers every arrival the same way.
    const step = steps === undefined ? {} : (steps[Math.min(attempt, steps.length) - 1] ?? {});
    return { attempt, step };
  }

  arrivals(id: string): number {
    return this.#arrivals.get(id) ?? 0;
  }

  record(request: RecordedRequest): void {
    this.#records.push(Object.freeze(request));
  }

  requests(id?: string): RecordedRequest[] {
    return id === undefined ? [...this.#records] : this.#records.filter((r) => r.id === id);
  }

  reset(): void {
    this.#scripts.clear();
    this.#arrivals.clear();
    this.#records = [];
  }
}
