import { DEFAULT_ERROR_CODE_PATHS, type Policy, type RateLimitHeaderSpec, type Rule } from '@staunch/core';
import { PRESETS, type Preset, resolvePolicy } from '@staunch/presets';

// Renders docs/providers.md from the presets, the one source of truth for provider facts.
// Pure: generate-providers.ts writes the result, a presets test compares it with the file.

const COMMAND = 'pnpm exec tsx --conditions=@staunch/source docs/scripts/generate-providers.ts';
const WINDOWS: Readonly<Record<number, string>> = { 1: 'per second', 60: 'per minute', 86400: 'per day' };

export function renderProvidersDoc(): string {
  const base = resolvePolicy('default');
  const out = [
    '# Providers',
    '',
    `<!-- Generated from @staunch/presets by docs/scripts/generate-providers.ts; do not edit. Regenerate: ${COMMAND} -->`,
    '',
    'Pass a name as `policy` (for example `policy: "anthropic"`), or extend a preset and override rules with',
    '`policy: { extends: "anthropic", rules: { "529": { action: "retry", maxAttempts: 3 } } }`.',
    `Every preset starts from the default policy (up to ${base.maxAttempts} attempts per call) and changes only what`,
    'its provider documents. "At most N attempts" counts the first one; a server wait longer than',
    `${base.maxRetryAfterMs / 1000} s fails fast with \`retryAt\` instead of sleeping; that includes a wait written in`,
    'the error body ("Please try again in 8m55s", Gemini\'s `RetryInfo`).',
    '',
    "In an outcome, the text after the colon is the provider's error code (`429:insufficient_quota`), a code",
    "pattern where `*` stands for any text (`429:*perday*`), or `~` and words the provider's message contains,",
    'in any case (`400:~credit balance is too low`).',
    '',
    table(
      ['Provider', 'Names', 'Fails fast', 'Retried', 'Fails fast on these codes', 'Rate-limit headers', 'Sources'],
      PRESETS.map((preset) => summaryRow(preset, resolvePolicy(preset.name), base)),
    ),
    '',
    `"Default quota codes" are the 429 codes of the default policy that mean an exhausted balance or spend limit: ${codeList(base, base, true)}.`,
    '',
    '## Chosen by host',
    '',
    'With no `policy`, each request gets the preset whose hosts its URL matches (the longest match wins),',
    'and the default policy when none does. A `*` stands for any labels at the front of a host, for part',
    'of a label, or for one path segment. Your own hosts (a self-hosted gateway, a proxy) go in the',
    "`hosts` option, which is consulted first: `createFetch({ hosts: { 'llm.internal.example': 'openai' } })`.",
    '`presetForUrl(url, hosts?)` from `@staunch/presets` answers which preset a URL gets.',
    '',
    table(
      ['Provider', 'Preset', 'Hosts'],
      PRESETS.map((preset) => [
        preset.title,
        `\`${preset.name}\``,
        preset.hosts.map((host) => `\`${host}\``).join('<br>'),
      ]),
    ),
    '',
    '## Rules by provider',
    '',
    'Each table lists the rules a preset sets itself; every other outcome follows the default policy below.',
    '',
    ...PRESETS.flatMap((preset) => details(preset, resolvePolicy(preset.name))),
    '## The default policy',
    '',
    ruleTable(base, Object.keys(base.rules)),
    '',
  ];
  return `${out.join('\n')}`;
}

function summaryRow(preset: Preset, policy: Policy, base: Policy): string[] {
  const names = [preset.name, ...preset.aliases].map((name) => `\`${name}\``).join(', ');
  const statusRules = sortKeys(Object.keys(policy.rules).filter((key) => !key.includes(':')));
  const fails = statusRules.filter((key) => policy.rules[key]?.action === 'fail').map(statusLabel);
  const retries = statusRules
    .filter((key) => policy.rules[key]?.action === 'retry')
    .map((key) => `${statusLabel(key)}${cap(policy, policy.rules[key] as Rule)}`);
  const codes = codeList(policy, base, false);
  const inheritsQuota = Object.keys(base.rules).some(
    (key) => isBodyCode(key) && same(policy.rules[key], base.rules[key]),
  );
  const codeCell = [inheritsQuota ? 'default quota codes' : '', codes].filter(Boolean).join('; ');
  return [
    preset.title,
    names,
    fails.join(', '),
    retries.join(', '),
    codeCell,
    policy.rateLimitHeaders.map(headerLabel).join('<br>') || 'none sent',
    preset.sources.join('<br>'),
  ];
}

/** A rule on a provider's error code in the body (`429:insufficient_quota`), not on a transport code. */
function isBodyCode(key: string): boolean {
  return key.includes(':') && !key.startsWith('network:');
}

/** Code rules that fail fast; `onlyInherited` picks those equal to the default policy's, else the others. */
function codeList(policy: Policy, base: Policy, onlyInherited: boolean): string {
  return sortKeys(Object.keys(policy.rules))
    .filter((key) => isBodyCode(key) && policy.rules[key]?.action === 'fail')
    .filter((key) => same(policy.rules[key], base.rules[key]) === onlyInherited)
    .map((key) => `\`${key}\``)
    .join(', ');
}

function same(a: Rule | undefined, b: Rule | undefined): boolean {
  return a !== undefined && b !== undefined && a.action === b.action && a.reason === b.reason && a.hint === b.hint;
}

function details(preset: Preset, policy: Policy): string[] {
  const own = Object.keys(preset.policy.rules ?? {}).map((key) => key.toLowerCase());
  return [`### ${preset.title} (\`${preset.name}\`)`, '', ...notes(policy), ruleTable(policy, own), ''];
}

/** What a preset reads beyond the default: extra code paths, and the server's retry verdict. */
function notes(policy: Policy): string[] {
  const lines: string[] = [];
  const paths = policy.errorCodePaths;
  if (paths.join() !== DEFAULT_ERROR_CODE_PATHS.join()) {
    lines.push(`Codes are read from ${paths.map((path) => `\`${path}\``).join(', ')}, in that order.`);
  }
  if (policy.shouldRetryHeader) {
    lines.push('A response header `x-should-retry: true` or `false` overrides the action of the matching rule.');
  }
  return lines.length === 0 ? [] : [lines.join(' '), ''];
}

function ruleTable(policy: Policy, keys: readonly string[]): string {
  const rows = sortKeys(keys).map((key) => {
    const rule = policy.rules[key] as Rule;
    const action = rule.action === 'retry' ? `retry${cap(policy, rule)}` : 'fail fast';
    return [`\`${key}\``, action, rule.reason, rule.hint ?? ''];
  });
  return table(['Outcome', 'Action', 'Reason', 'Hint'], rows);
}

function cap(policy: Policy, rule: Rule): string {
  return rule.maxAttempts < policy.maxAttempts ? ` (at most ${rule.maxAttempts} attempts)` : '';
}

function statusLabel(key: string): string {
  return key === '4xx' ? 'other 4xx' : key === '5xx' ? 'other 5xx' : key;
}

function headerLabel(spec: RateLimitHeaderSpec): string {
  const window =
    spec.windowSeconds === undefined ? '' : ` ${WINDOWS[spec.windowSeconds] ?? `per ${spec.windowSeconds} s`}`;
  const names = [spec.limit, spec.remaining, spec.reset].filter((name): name is string => name !== undefined);
  const reset = spec.resetFormat === undefined ? '' : `, reset as ${spec.resetFormat}`;
  return `${spec.unit}${window}: ${names.map((name) => `\`${name}\``).join(', ')}${reset}`;
}

/** Orders keys by their first status, then by width (exact before ranges), then by code. */
function sortKeys(keys: readonly string[]): string[] {
  const order = (key: string): [number, number, string] => {
    const [status = '', code = ''] = key.split(/:(.*)/s);
    if (status === 'network' || status === 'timeout') return [1000, status === 'network' ? 0 : 1, ''];
    const from = /^\dxx$/.test(status) ? Number(status[0]) * 100 : Number.parseInt(status, 10);
    const width = /^\dxx$/.test(status) ? 99 : status.includes('-') ? Number(status.split('-')[1]) - from : 0;
    return [from + (width === 99 ? 99.5 : 0), width, code];
  };
  return [...keys].sort((a, b) => {
    const [fa, wa, ca] = order(a);
    const [fb, wb, cb] = order(b);
    return fa - fb || wa - wb || ca.localeCompare(cb);
  });
}

/** A Markdown table with padded columns, the layout the repository's formatter (Biome) keeps. */
function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const escaped = [head, ...rows].map((row) => row.map((cell) => cell.replaceAll('|', '\\|').replaceAll('\n', ' ')));
  const widths = head.map((_, column) => Math.max(3, ...escaped.map((row) => displayWidth(row[column] ?? ''))));
  const pad = (cell: string, width: number): string => cell + ' '.repeat(width - displayWidth(cell));
  const line = (row: readonly string[]): string =>
    `| ${widths.map((width, column) => pad(row[column] ?? '', width)).join(' | ')} |`;
  const [first = [], ...rest] = escaped;
  return [line(first), line(widths.map((width) => '-'.repeat(width))), ...rest.map(line)].join('\n');
}

// East Asian wide characters (one-api's Chinese messages) take two columns, as Biome counts them.
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += WIDE.test(char) ? 2 : 1;
  return width;
}
