import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A redis-server of one case's own, for the faults that would break a shared one (kill, flush, maxmemory). */
export interface PrivateRedis {
  readonly url: string;
  /** Starts it on its port, empty (no persistence: no keys, no script cache), as after a restart. */
  start(): Promise<void>;
  /** SIGKILL: the server vanishes and its connections reset. */
  kill(): Promise<void>;
}

const READY_MS = 10_000;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject()));
    });
  });
}

/**
 * Runs `work` with a redis-server on a free loopback port (started unless `started: false`, so
 * a case can show Redis down at startup) and always stops it afterwards.
 */
export async function withPrivateRedis<T>(
  work: (server: PrivateRedis) => Promise<T>,
  { started = true }: { readonly started?: boolean } = {},
): Promise<T> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const server: PrivateRedis = {
    url: `redis://127.0.0.1:${port}`,
    start: async () => {
      child = await launch(port);
    },
    kill: async () => {
      if (child !== undefined) await stop(child);
      child = undefined;
    },
  };
  if (started) await server.start();
  try {
    return await work(server);
  } finally {
    await server.kill();
  }
}

function launch(port: number): Promise<ChildProcess> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const timer = setTimeout(
      () => fail(new Error(`redis-server did not start in ${READY_MS} ms:\n${output}`)),
      READY_MS,
    );
    child.once('error', (error) =>
      fail(new Error(`redis-server could not be started (${error.message}): rows I50 and I51 run their own`)),
    );
    child.once('exit', (code) => fail(new Error(`redis-server exited (${code}):\n${output}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes('Ready to accept connections')) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.stdout?.removeAllListeners('data');
      child.stdout?.resume();
      resolve(child);
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
