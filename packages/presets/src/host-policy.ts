import { ConfigError, type Policy } from '@staunch/core';
import type { StaunchOptions } from './policy-engine.js';
import { compileHostMap, presetForUrl } from './preset-for-url.js';
import { resolvePolicy } from './registry.js';

/**
 * The per-request policy an adapter passes to the engine: with no `policy` option, the preset
 * of the request URL's host; `undefined` leaves the engine's own policy (the `policy` option, or
 * the default for hosts no preset claims). The host map is validated here, when the adapter is made.
 */
export function policyByHost(
  options: Pick<StaunchOptions, 'policy' | 'hosts'>,
): (url: string | URL) => Policy | undefined {
  if (options.policy !== undefined) {
    if (options.hosts !== undefined) {
      throw new ConfigError(
        'hosts',
        'has no effect with `policy` set, which applies to every request: drop `policy` to choose presets by host, or drop `hosts`.',
      );
    }
    return () => undefined;
  }
  const hosts = options.hosts;
  compileHostMap(hosts);
  const built = new Map<string, Policy>();
  return (url) => {
    const preset = presetForUrl(url, hosts);
    if (preset === undefined) return undefined;
    let policy = built.get(preset.name);
    if (policy === undefined) {
      policy = resolvePolicy(preset.name);
      built.set(preset.name, policy);
    }
    return policy;
  };
}
