import { type AttemptContext, type AttemptOutcome, headersFromRecord } from '../../src/index.js';

/** One scripted attempt: an HTTP response, a network error, or a transport that never answers. */
export type Step =
  | { readonly status: number; readonly headers?: Readonly<Record<string, string>>; readonly body?: string }
  | { readonly network: unknown }
  | { readonly hang: true };

export interface ScriptedTransport {
  /** The attempt function to hand to `engine.execute`. */
  readonly run: (context: AttemptContext) => Promise<AttemptOutcome<string>>;
  /** The context of every attempt that reached the transport. */
  readonly calls: AttemptContext[];
  /** How many responses the engine discarded (retried instead of returned). */
  readonly discarded: () => number;
}

/**
 * A fake transport that plays `steps` in order and repeats the last one. `hang` never settles
 * and ignores its signal, the worst transport there is: the engine alone must end the attempt.
 */
export function scripted(steps: readonly Step[]): ScriptedTransport {
  const calls: AttemptContext[] = [];
  let discarded = 0;
  const run = (context: AttemptContext): Promise<AttemptOutcome<string>> => {
    calls.push(context);
    const step = steps[Math.min(calls.length, steps.length) - 1];
    if (step === undefined) throw new Error('scripted: no steps');
    if ('hang' in step) return new Promise(() => {});
    if ('network' in step) return Promise.resolve({ kind: 'network', error: step.network });
    return Promise.resolve({
      kind: 'response',
      status: step.status,
      headers: headersFromRecord(step.headers ?? {}),
      value: `attempt ${context.attempt}: ${step.status}`,
      readErrorBody: () => Promise.resolve(step.body),
      discard: () => {
        discarded += 1;
      },
    });
  };
  return { run, calls, discarded: () => discarded };
}
