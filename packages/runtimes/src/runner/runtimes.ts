import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CaseResult } from '../suite/run-suite.js';
import { BUN, CHROMIUM, DENO, exists, NODE_24, versionOf, WORKERD } from './binaries.js';
import { runChromium } from './run-chromium.js';
import { runWorkerd } from './run-workerd.js';
import { cliHarness, runCli } from './spawn-cli.js';

export interface RuntimeRun {
  readonly version: string;
  readonly results: readonly CaseResult[];
}

export interface Runtime {
  readonly label: string;
  /** Why it cannot run here (its binary is missing), or undefined. */
  missing(): string | undefined;
  run(dir: string, suiteFile: string, serverUrl: string): Promise<RuntimeRun>;
}

/** A runtime with a command line: a harness file imports the bundle and prints the results. */
function cli(
  label: string,
  runtime: string,
  command: string,
  args: readonly string[],
  version: () => Promise<string>,
): Runtime {
  return {
    label,
    missing: () => (exists(command) ? undefined : `no ${command} (run pnpm install)`),
    async run(dir, _suite, serverUrl) {
      const harness = `harness-${label.replace(/\W+/g, '-')}.mjs`;
      await writeFile(join(dir, harness), cliHarness(runtime, serverUrl, label.replace(/\W+/g, '-')));
      const [results, v] = await Promise.all([runCli(command, [...args, harness], dir), version()]);
      return { version: v, results };
    },
  };
}

const deno = DENO;
const bun = BUN;
const workerd = WORKERD;

export const RUNTIMES: readonly Runtime[] = [
  cli('Node 20', 'node', process.execPath, [], async () => process.version),
  cli('Node 24', 'node', NODE_24, [], () => versionOf(NODE_24)),
  // Network to loopback only; nothing else is granted.
  cli('Deno', 'deno', deno, ['run', '--no-prompt', '--allow-net=127.0.0.1'], async () =>
    (await versionOf(deno)).replace(/^deno /, '').replace(/ \(.*/, ''),
  ),
  cli('Bun', 'bun', bun, ['run'], () => versionOf(bun)),
  {
    label: 'workerd',
    missing: () => (exists(workerd) ? undefined : `no ${workerd} (run pnpm install)`),
    async run(dir, _suite, serverUrl) {
      const [results, v] = await Promise.all([runWorkerd(dir, serverUrl), versionOf(workerd)]);
      return { version: v.replace(/^workerd /, ''), results };
    },
  },
  {
    label: 'Chromium',
    missing: () => (exists(CHROMIUM) ? undefined : `no ${CHROMIUM} (apt-get install chromium)`),
    async run(_dir, suiteFile, serverUrl) {
      try {
        return await runChromium(suiteFile, serverUrl);
      } catch (error) {
        return { version: '?', results: [{ name: 'the suite ran', status: 'failed', detail: String(error) }] };
      }
    },
  },
];
