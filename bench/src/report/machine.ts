import { cpus, totalmem } from 'node:os';

/** The facts a reader needs to compare this run with theirs. */
export function machineDetails(command: string, date = new Date()): string[] {
  const cores = cpus();
  return [
    `- date: ${date.toISOString()}`,
    `- cpu: ${cores[0]?.model ?? 'unknown'}, ${cores.length} cores`,
    `- memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- node: ${process.version} (${process.platform} ${process.arch})`,
    `- command: \`${command}\``,
  ];
}
