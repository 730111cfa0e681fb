import type { Arrival, Step } from './steps.js';

/** Where the suite runs; a case may skip a runtime that lacks what it needs, saying which API. */
export type RuntimeName = 'node' | 'deno' | 'bun' | 'workerd' | 'chromium';

/** What one case gets: its own script id on the loopback server. */
export interface CaseContext {
  readonly runtime: RuntimeName;
  /** The case's endpoint, `<server>/s/<id>/v1/chat/completions`. */
  readonly url: string;
  script(steps: readonly Step[]): Promise<void>;
  arrivals(): Promise<Arrival[]>;
}

export interface Case {
  readonly name: string;
  /** A reason to skip on this runtime (an API it lacks), or undefined to run. */
  readonly skip?: (runtime: RuntimeName) => string | undefined;
  run(context: CaseContext): Promise<void>;
}

export type CaseResult =
  | { readonly name: string; readonly status: 'passed' }
  | { readonly name: string; readonly status: 'failed'; readonly detail: string }
  | { readonly name: string; readonly status: 'skipped'; readonly detail: string };

/** Runs the cases one after another (several wait out real server delays) and reports each. */
export async function runCases(
  cases: readonly Case[],
  runtime: RuntimeName,
  serverUrl: string,
  idPrefix: string,
): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const [index, item] of cases.entries()) {
    const reason = item.skip?.(runtime);
    if (reason !== undefined) {
      results.push({ name: item.name, status: 'skipped', detail: reason });
      continue;
    }
    const id = `${idPrefix}-${index}`;
    const context: CaseContext = {
      runtime,
      url: `${serverUrl}/s/${id}/v1/chat/completions`,
      script: async (steps) => {
        const response = await fetch(`${serverUrl}/__script/${id}`, { method: 'POST', body: JSON.stringify(steps) });
        await response.body?.cancel();
      },
      arrivals: async () => (await (await fetch(`${serverUrl}/__records/${id}`)).json()) as Arrival[],
    };
    try {
      await item.run(context);
      results.push({ name: item.name, status: 'passed' });
    } catch (error) {
      results.push({ name: item.name, status: 'failed', detail: describe(error) });
    }
  }
  return results;
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** Fails the case with what was seen and what was wanted. */
export function expectEqual<T>(actual: T, expected: T, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: got ${a}, wanted ${e}`);
}

export function expectTrue(condition: boolean, what: string): void {
  if (!condition) throw new Error(what);
}

/** Resolves with what the promise rejected with; fails the case if it resolved. */
export async function rejection(promise: Promise<unknown>, what: string): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error(`${what}: resolved, wanted a rejection`);
}
