import type { Policy } from '@staunch/core';
import * as presets from '@staunch/presets';
import { UsageError } from './usage-error.js';

type Preset = presets.Preset;

/** What a `<preset|url>` argument resolves to. */
export interface Target {
  /** `undefined`: the generic default policy. */
  readonly preset: Preset | undefined;
  readonly policy: Policy;
  /** How it was chosen, for the output ("preset name", "host api.together.xyz"). */
  readonly chosenBy: string;
}

/** A URL is anything with a scheme, or a host with a dot and no spaces (`api.openai.com/v1`). */
function asUrl(text: string): URL | undefined {
  const candidate = /^[a-z][a-z\d+.-]*:\/\//i.test(text)
    ? text
    : /^[^\s/]+\.[^\s/]+(\/|$)/.test(text)
      ? `https://${text}`
      : undefined;
  if (candidate === undefined) return undefined;
  try {
    return new URL(candidate);
  } catch {
    return undefined;
  }
}

/** `--hosts '{"llm.internal.example": "openai"}'`: the adapters' `hosts` option, as JSON. */
export function parseHosts(text: string | undefined): presets.HostMap | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as presets.HostMap;
  } catch {
    throw new UsageError(
      `--hosts expects a JSON object from host to preset name, e.g. '{"llm.internal.example":"openai"}'.`,
    );
  }
}

export function resolveTarget(argument: string, hosts?: presets.HostMap): Target {
  const url = asUrl(argument);
  if (url === undefined && hosts !== undefined) throw new UsageError('--hosts applies to a URL, not to a preset name.');
  if (url !== undefined) {
    // The adapters' own choice when no `policy` is given (a bad host map is a ConfigError: exit 2).
    const preset = presets.presetForUrl(url, hosts);
    const policy = presets.resolvePolicy(preset?.name ?? 'default');
    const chosenBy = preset === undefined ? `host ${url.host} (unknown host: the default policy)` : `host ${url.host}`;
    return { preset, policy, chosenBy };
  }
  const name = argument.trim().toLowerCase();
  if (name === 'default') return { preset: undefined, policy: presets.resolvePolicy('default'), chosenBy: 'name' };
  const preset = presets.getPreset(name);
  if (preset === undefined) {
    const known = ['default', ...presets.PRESETS.map((p) => p.name)].join(', ');
    throw new UsageError(`unknown preset ${JSON.stringify(argument)}. Known presets: ${known}; or give a URL.`);
  }
  return { preset, policy: presets.resolvePolicy(preset.name), chosenBy: 'name' };
}
