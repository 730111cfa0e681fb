import { ConfigError, didYouMean } from '@staunch/core';
import { compileHostPattern, type HostPattern, matchesHost } from './host-pattern.js';
import type { Preset } from './preset.js';
import { getPreset, PRESET_NAMES, PRESETS } from './registry.js';

/** A user's host map, e.g. `{ 'llm.internal.example': 'openai' }`: host pattern → preset name (or `'default'`). */
export type HostMap = Readonly<Record<string, string>>;

interface Entry {
  readonly pattern: HostPattern;
  /** `undefined`: the generic default policy, chosen on purpose. */
  readonly preset: Preset | undefined;
  readonly user: boolean;
}

const BUILT_IN: readonly Entry[] = PRESETS.flatMap((preset) =>
  preset.hosts.map((host) => ({ pattern: compileHostPattern(`${preset.name}.hosts`, host), preset, user: false })),
);
const compiled = new WeakMap<HostMap, readonly Entry[]>();

/**
 * Validates a host map once: every key a host pattern, every value a preset name. `field` names
 * the option in errors (`hosts["llm.internal"]`).
 */
export function compileHostMap(hosts: HostMap | undefined, field = 'hosts'): readonly Entry[] {
  if (hosts === undefined) return BUILT_IN;
  let entries = compiled.get(hosts);
  if (entries !== undefined) return entries;
  if (typeof hosts !== 'object' || hosts === null || Array.isArray(hosts)) {
    throw new ConfigError(
      field,
      `expected an object from host name to preset name, e.g. { "llm.internal.example": "openai" }.`,
    );
  }
  const own = Object.entries(hosts).map(([host, name]): Entry => {
    const at = `${field}[${JSON.stringify(host)}]`;
    const preset = typeof name === 'string' ? getPreset(name) : undefined;
    if (preset === undefined && !(typeof name === 'string' && name.trim().toLowerCase() === 'default')) {
      throw new ConfigError(
        at,
        `unknown preset ${JSON.stringify(name)}.${typeof name === 'string' ? didYouMean(name.trim(), ['default', ...PRESET_NAMES]) : ''} Known presets: default, ${PRESET_NAMES.join(', ')}.`,
      );
    }
    return { pattern: compileHostPattern(at, host), preset, user: true };
  });
  entries = [...own, ...BUILT_IN];
  compiled.set(hosts, entries);
  return entries;
}

/**
 * The preset a request to `url` gets when no `policy` is given: the user's `hosts` first, then
 * each preset's `hosts`; the longest match wins. `undefined`: the generic default policy (an
 * unknown host, a URL that does not parse, or a host mapped to `'default'`).
 *
 * @example presetForUrl('https://api.together.xyz/v1/chat/completions')?.name // 'together'
 * @example presetForUrl('http://llm.internal.example/v1', { 'llm.internal.example': 'openai' })?.name // 'openai'
 */
export function presetForUrl(url: string | URL, hosts?: HostMap): Preset | undefined {
  const entries = compileHostMap(hosts);
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return undefined;
  }
  let best: Entry | undefined;
  for (const entry of entries) {
    if (!matchesHost(entry.pattern, parsed)) continue;
    if (best === undefined || rank(entry) > rank(best)) best = entry;
  }
  return best?.preset;
}

/** The user's entries outrank every built-in one; then the more specific pattern wins. */
function rank(entry: Entry): number {
  return (entry.user ? 1e9 : 0) + entry.pattern.weight;
}
