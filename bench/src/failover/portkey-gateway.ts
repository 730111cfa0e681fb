import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

/** A running Portkey gateway child process: its base URL and how to stop it. */
export interface Gateway {
  readonly url: string;
  readonly version: string;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 20_000;

/**
 * The gateway's start-server.js takes `--port=N` (only that form) and `--headless` (no log UI),
 * and has no host option: `@hono/node-server` listens on every interface. This preload makes a
 * listen without a host bind to loopback, so the bench's gateway is reachable from this machine only.
 */
const LOOPBACK_PRELOAD = `data:text/javascript,${encodeURIComponent(
  `import net from 'node:net';
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (port, host, ...rest) {
  return typeof port === 'number' && (host === undefined || typeof host === 'function')
    ? listen.call(this, port, '${HOST}', ...(host === undefined ? rest : [host, ...rest]))
    : listen.call(this, port, host, ...rest);
};`,
)}`;

let running: Gateway | undefined;

/** The base URL of the gateway `startGateway` started; throws when none runs. */
export function gatewayURL(): string {
  if (running === undefined) throw new Error('The Portkey gateway is not running: call startGateway() first');
  return running.url;
}

/** The package's bin, as its package.json names it, and its version. */
function gatewayBin(): { readonly path: string; readonly version: string } {
  const manifestPath = createRequire(import.meta.url).resolve('@portkey-ai/gateway/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin: string; version: string };
  return { path: join(dirname(manifestPath), manifest.bin), version: manifest.version };
}

/** A port free on loopback now (the kernel's pick; the gateway takes it a moment later). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, HOST, resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('No port from the kernel');
  return address.port;
}

/** Polls `GET /` ("AI Gateway says hey!") until it answers 200, the child exits, or the timeout. */
async function waitUntilReady(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = performance.now() + READY_TIMEOUT_MS;
  while (performance.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`The Portkey gateway exited (${child.exitCode ?? child.signalCode}): ${stderr()}`);
    const ok = await fetch(`${url}/`).then(
      (response) => response.arrayBuffer().then(() => response.ok),
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The Portkey gateway did not answer at ${url} within ${READY_TIMEOUT_MS} ms: ${stderr()}`);
}

/**
 * Starts `@portkey-ai/gateway`'s server as a child process on a free loopback port and waits until
 * it answers. The child is killed by `stop()`, and also if this process exits or is interrupted
 * first, so no gateway is left behind.
 */
export async function startGateway(): Promise<Gateway> {
  if (running !== undefined) return running;
  const bin = gatewayBin();
  const port = await freePort();
  const url = `http://${HOST}:${port}`;
  const child = spawn(process.execPath, ['--import', LOOPBACK_PRELOAD, bin.path, `--port=${port}`, '--headless'], {
    // The gateway logs every request to stdout; only stderr is kept, for a failed start.
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors = `${errors}${chunk.toString()}`.slice(-2000);
  });
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  const onSignal = (signal: NodeJS.Signals) => {
    kill();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('exit', kill);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const stop = async () => {
    process.off('exit', kill);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    running = undefined;
  };
  try {
    await waitUntilReady(url, child, () => errors);
  } catch (error) {
    await stop();
    throw error;
  }
  running = { url, version: bin.version, stop };
  return running;
}
