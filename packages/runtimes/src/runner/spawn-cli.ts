import { spawn } from 'node:child_process';
import type { CaseResult } from '../suite/run-suite.js';

/** Marks the line with the results among whatever else the runtime prints. */
export const RESULT_MARK = '@@staunch-results ';
/** A process must end this soon after it printed its results: later means a timer or socket kept it alive. */
const EXIT_GRACE_MS = 3000;
const SUITE_TIMEOUT_MS = 90_000;

/** The harness a command-line runtime runs: import the bundle, run it, print the results. */
export function cliHarness(runtime: string, serverUrl: string, idPrefix: string): string {
  const args = [runtime, serverUrl, idPrefix].map((a) => JSON.stringify(a)).join(', ');
  return [
    "import { run } from './suite.mjs';",
    `const results = await run(${args});`,
    `console.log(${JSON.stringify(RESULT_MARK)} + JSON.stringify(results));`,
  ].join('\n');
}

/** Runs a command whose stdout carries a result line; adds a failure when it does not exit by itself. */
export function runCli(command: string, args: readonly string[], cwd: string): Promise<CaseResult[]> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let results: CaseResult[] | undefined;
    let lingered = false;
    let grace: ReturnType<typeof setTimeout> | undefined;
    const timeout = setTimeout(() => child.kill('SIGKILL'), SUITE_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = out.split('\n').find((l) => l.startsWith(RESULT_MARK));
      if (line === undefined || results !== undefined) return;
      results = JSON.parse(line.slice(RESULT_MARK.length)) as CaseResult[];
      grace = setTimeout(() => {
        lingered = true;
        child.kill('SIGKILL');
      }, EXIT_GRACE_MS);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
    });
    child.on('close', (code) => {
      clearTimeout(timeout);
      clearTimeout(grace);
      if (results === undefined) {
        const detail = `exited ${code} without results: ${(err || out).trim().slice(-600)}`;
        return resolve([{ name: 'the suite ran', status: 'failed', detail }]);
      }
      const exit: CaseResult = lingered
        ? {
            name: 'the process exits by itself after the suite',
            status: 'failed',
            detail: `still running ${EXIT_GRACE_MS} ms after its results (a timer or socket kept it alive)`,
          }
        : code === 0
          ? { name: 'the process exits by itself after the suite', status: 'passed' }
          : {
              name: 'the process exits by itself after the suite',
              status: 'failed',
              detail: `exit code ${code}: ${err.trim().slice(-600)}`,
            };
      resolve([...results, exit]);
    });
  });
}
