import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { CaseResult } from '../suite/run-suite.js';
import { WORKERD } from './binaries.js';

const READY_TIMEOUT_MS = 20_000;
const SUITE_TIMEOUT_MS = 90_000;
// Any date this workerd supports; it fixes the behaviour the suite was written against.
const COMPATIBILITY_DATE = '2026-01-01';
/** The case that uses the adapter made at module scope (cases-throttle.ts). */
const MODULE_SCOPE_CASE = 'a fetch made at module scope';

const WORKER = `import { run } from './suite.mjs';
export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === '/ready') return new Response('ok');
    const server = url.searchParams.get('server');
    const only = url.searchParams.get('only') ?? undefined;
    return Response.json(await run('workerd', server, url.searchParams.get('prefix') ?? 'workerd', only));
  },
};
`;

/**
 * The suite inside one request to a Worker on workerd. The Worker's outbound fetches go to a
 * network service that admits loopback ("local") addresses, where workerd's default is public only.
 */
function config(port: number): string {
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .suite),
    (name = "loopback", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const suite :Workerd.Worker = (
  modules = [
    (name = "worker.mjs", esModule = embed "worker.mjs"),
    (name = "suite.mjs", esModule = embed "suite.mjs"),
  ],
  compatibilityDate = "${COMPATIBILITY_DATE}",
  globalOutbound = "loopback",
);
`;
}

export async function runWorkerd(dir: string, serverUrl: string): Promise<CaseResult[]> {
  const port = await freePort();
  await writeFile(join(dir, 'worker.mjs'), WORKER);
  await writeFile(join(dir, 'config.capnp'), config(port));
  const child = spawn(WORKERD, ['serve', 'config.capnp'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    await ready(base, () => child.exitCode !== null);
    const suite = await ask(`${base}/?server=${encodeURIComponent(serverUrl)}`);
    // A second request reuses what the first left in module scope (the adapter, its throttle):
    // Workers refuse I/O, timers and promises of one request from another.
    const again = await ask(
      `${base}/?server=${encodeURIComponent(serverUrl)}&prefix=workerd-again&only=${encodeURIComponent(MODULE_SCOPE_CASE)}`,
    );
    return [...suite, ...again.map((r) => ({ ...r, name: `${r.name}, again in a second request` }))];
  } catch (error) {
    const detail = `${error instanceof Error ? error.message : String(error)} ${err.trim().slice(-600)}`;
    return [{ name: 'the suite ran', status: 'failed', detail }];
  } finally {
    child.kill('SIGTERM');
  }
}

async function ask(url: string): Promise<CaseResult[]> {
  const response = await fetch(url, { signal: AbortSignal.timeout(SUITE_TIMEOUT_MS) });
  const text = await response.text();
  if (!response.ok) throw new Error(`the Worker answered ${response.status}: ${text.slice(0, 600)}`);
  return JSON.parse(text) as CaseResult[];
}

async function ready(base: string, exited: () => boolean): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline && !exited()) {
    try {
      await (await fetch(`${base}/ready`, { signal: AbortSignal.timeout(1000) })).text();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error('workerd did not start listening');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}
