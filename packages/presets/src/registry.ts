import { ConfigError, definePolicy, didYouMean, isPolicy, type Policy, type PolicyInput } from '@staunch/core';
import { anthropic } from './anthropic.js';
import { azureOpenai } from './azure-openai.js';
import { cohere } from './cohere.js';
import { deepseek } from './deepseek.js';
import { fireworks } from './fireworks.js';
import { fourAllApi } from './four-all-api.js';
import { gemini } from './gemini.js';
import { groq } from './groq.js';
import { mistral } from './mistral.js';
import { openai } from './openai.js';
import { openrouter } from './openrouter.js';
import type { Preset } from './preset.js';
import { together } from './together.js';
import { workersAi } from './workers-ai.js';

/** Every preset, in the order the docs list them: model vendors, then hosts, then gateways. */
export const PRESETS: readonly Preset[] = Object.freeze([
  openai,
  azureOpenai,
  anthropic,
  gemini,
  mistral,
  cohere,
  deepseek,
  groq,
  together,
  fireworks,
  openrouter,
  workersAi,
  fourAllApi,
]);

const byName = new Map<string, Preset>();
for (const preset of PRESETS) {
  for (const name of [preset.name, ...preset.aliases]) byName.set(name, preset);
}

/** Every name a preset answers to (names and aliases), for error messages. */
export const PRESET_NAMES: readonly string[] = Object.freeze([...byName.keys()]);

/** The preset called `name` (or one of its aliases), or `undefined`. */
export function getPreset(name: string): Preset | undefined {
  return byName.get(name.trim().toLowerCase());
}

/** What adapters accept as `policy`: a preset name, a policy input (which may extend a preset), or a built policy. */
export type PolicyOption = string | PolicyInput | Policy;

/**
 * Turns a `policy` option into a built policy: a name resolves to its preset; an input may
 * `extends` a preset by name. Unknown names raise a `ConfigError` listing the known ones.
 */
export function resolvePolicy(option: PolicyOption = 'default'): Policy {
  if (isPolicy(option)) return option;
  const resolvePreset = (name: string): PolicyInput | undefined => getPreset(name)?.policy;
  if (typeof option === 'string') {
    if (option.trim().toLowerCase() === 'default') return definePolicy({}, { resolvePreset });
    const preset = getPreset(option);
    if (preset === undefined) {
      throw new ConfigError(
        'policy',
        `unknown preset ${JSON.stringify(option)}.${didYouMean(option.trim(), ['default', ...PRESET_NAMES])} Known presets: default, ${PRESET_NAMES.join(', ')}.`,
      );
    }
    return definePolicy(preset.policy, { resolvePreset });
  }
  const parent = (option as { extends?: unknown } | null)?.extends;
  if (typeof parent === 'string' && !['default', 'none'].includes(parent) && getPreset(parent) === undefined) {
    throw new ConfigError(
      'extends',
      `unknown preset ${JSON.stringify(parent)}.${didYouMean(parent.trim(), ['default', 'none', ...PRESET_NAMES])} Use "default", "none" or one of: ${PRESET_NAMES.join(', ')}.`,
    );
  }
  return definePolicy(option, { resolvePreset });
}
