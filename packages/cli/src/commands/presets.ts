import { parseArgs } from 'node:util';
import type { RateLimitHeaderSpec, RuleInput } from '@staunch/core';
import { PRESETS, type Preset } from '@staunch/presets';
import type { CliIo } from '../io.js';
import { styleFor } from '../style.js';
import { EXIT_OK } from '../usage-error.js';

export const PRESETS_USAGE = `Usage: staunch presets [--json]

The presets: their names and aliases, the hosts that get them, the statuses and codes they
decide themselves (beyond the default policy), and the rate-limit headers they read.

  --json      the same as JSON
  -h, --help  this help`;

function hostsOf(preset: Preset): readonly string[] {
  const hosts = (preset as Preset & { hosts?: readonly string[] }).hosts;
  return Array.isArray(hosts) ? hosts : [];
}

function rulesOf(preset: Preset): { retry: string[]; fail: string[] } {
  const rules = preset.policy.rules ?? {};
  const retry: string[] = [];
  const fail: string[] = [];
  for (const [key, rule] of Object.entries(rules)) {
    const action = typeof rule === 'string' ? rule : (rule as RuleInput).action;
    (action === 'retry' ? retry : fail).push(key);
  }
  return { retry, fail };
}

/** `x-ratelimit-{limit,remaining,reset}-requests (requests per 60 s)`. */
function dialect(spec: RateLimitHeaderSpec): string {
  const names = [spec.limit, spec.remaining, spec.reset].filter((name): name is string => name !== undefined);
  const window = spec.windowSeconds === undefined ? '' : ` per ${spec.windowSeconds} s`;
  return `${names.join(', ')} (${spec.unit}${window})`;
}

export async function listPresets(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help === true) {
    io.stdout(`${PRESETS_USAGE}\n`);
    return EXIT_OK;
  }
  if (values.json === true) {
    const data = PRESETS.map((preset) => ({
      name: preset.name,
      aliases: preset.aliases,
      title: preset.title,
      hosts: hostsOf(preset),
      ...rulesOf(preset),
      rateLimitHeaders: preset.policy.rateLimitHeaders ?? [],
    }));
    io.stdout(`${JSON.stringify(data, null, 2)}\n`);
    return EXIT_OK;
  }
  const style = styleFor(io);
  const out: string[] = [];
  for (const preset of PRESETS) {
    const aliases = preset.aliases.length === 0 ? '' : ` (also ${preset.aliases.join(', ')})`;
    out.push(`${style.bold(preset.name)}${aliases} — ${preset.title}`);
    const hosts = hostsOf(preset);
    if (hosts.length > 0) out.push(`  hosts    ${hosts.join(', ')}`);
    const { retry, fail } = rulesOf(preset);
    if (retry.length > 0) out.push(`  retry    ${retry.join(', ')}`);
    if (fail.length > 0) out.push(`  fail     ${fail.join(', ')}`);
    const specs = preset.policy.rateLimitHeaders ?? [];
    for (const [index, spec] of specs.entries())
      out.push(`  ${index === 0 ? 'headers ' : '        '} ${dialect(spec)}`);
    out.push('');
  }
  out.push(`default — every other host: retries 408, 429, 5xx, network errors and timeouts; fails fast on other 4xx.`);
  io.stdout(`${out.join('\n')}\n`);
  return EXIT_OK;
}
