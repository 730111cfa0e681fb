#!/usr/bin/env node
// staunch-mock: runs the mock LLM provider until Ctrl-C, SIGTERM or --duration-ms.
import { parseCliArgs, USAGE } from './cli-args.js';
import { startMockProvider } from './mock-provider/start-mock-provider.js';

async function main(): Promise<void> {
  let config: ReturnType<typeof parseCliArgs>;
  try {
    config = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (config.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const provider = await startMockProvider(config.options);
  process.stdout.write(`staunch-mock listening on ${provider.url}\n`);
  let stopping = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    clearTimeout(timer);
    const { arrivals, successes, rateLimited, faults, poisoned } = provider.stats();
    await provider.close();
    process.stdout.write(`${JSON.stringify({ arrivals, successes, rateLimited, faults, poisoned })}\n`);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  if (config.durationMs !== undefined) timer = setTimeout(stop, config.durationMs);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
