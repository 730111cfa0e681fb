import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * A redis-server (Debian's package) on a free 127.0.0.1 port, without persistence: every start
 * is empty, script cache included, as after a real restart.
 */
export interface RedisServer {
  readonly url: string;
  readonly port: number;
  /** Starts it on its port if it is not running. */
  start(): Promise<void>;
  /** SIGKILL: the server vanishes and its connections reset. */
  kill(): Promise<void>;
  /** `kill()`, then `start()`: empty again. */
  restart(): Promise<void>;
  /** SIGSTOP / SIGCONT: connections stay open and nothing answers (a stalled Redis). */
  pause(): void;
  resume(): void;
  /** Resumes if paused and stops it with SIGTERM. */
  stop(): Promise<void>;
}

export interface RedisServerOptions {
  /** `false`: pick the port but leave it down until `start()` (Redis down at startup). @default true */
  readonly started?: boolean;
}

const READY_MS = 10_000;

/** True when a `redis-server` binary is on the PATH. */
export function hasRedisBinary(): boolean {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A free port on 127.0.0.1 (free when asked; a test races nobody else for it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Starts `redis-server --port <free> --bind 127.0.0.1 --save '' --appendonly no`. */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const server: RedisServer = {
    url: `redis://127.0.0.1:${port}`,
    port,
    start: async () => {
      if (child === undefined) child = await launch(port);
    },
    kill: async () => {
      const running = child;
      child = undefined;
      if (running !== undefined) await stopChild(running, 'SIGKILL');
    },
    restart: async () => {
      await server.kill();
      await server.start();
    },
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
    stop: async () => {
      const running = child;
      child = undefined;
      if (running === undefined) return;
      running.kill('SIGCONT');
      await stopChild(running, 'SIGTERM');
    },
  };
  if (options.started ?? true) await server.start();
  return server;
}

function launch(port: number): Promise<ChildProcess> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
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
      fail(new Error(`redis-server could not be started (${error.message}): install Debian's redis-server package`)),
    );
    child.once('exit', (code) => fail(new Error(`redis-server exited (${code}):\n${output}`)));
    child.stderr?.resume();
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

function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
