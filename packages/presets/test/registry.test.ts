import { isConfigError, matchRule } from '@staunch/core';
import { describe, expect, test } from 'vitest';
import * as api from '../src/index.js';
import { getPreset, PRESETS, resolvePolicy } from '../src/index.js';

const ALL_NAMES = PRESETS.flatMap((preset) => [preset.name, ...preset.aliases]);

describe.each(PRESETS.map((preset) => [preset.name, preset] as const))('preset %s', (name, preset) => {
  test('resolves to a valid policy named after it', () => {
    const policy = resolvePolicy(name);
    expect(policy.name).toBe(name);
    expect(preset.policy.name).toBe(name);
  });

  test('every alias resolves to the same preset, in any case and with spaces around it', () => {
    for (const alias of [name, ...preset.aliases]) {
      expect(getPreset(alias)).toBe(preset);
      expect(getPreset(` ${alias.toUpperCase()} `)).toBe(preset);
      expect(resolvePolicy(alias).name).toBe(name);
    }
  });

  test('names its sources and declares its rate-limit headers (an empty list where none exist)', () => {
    expect(preset.sources.length).toBeGreaterThan(0);
    expect(Array.isArray(preset.policy.rateLimitHeaders)).toBe(true);
  });

  test('keeps the default fail-fast quota codes on 429', () => {
    const rule = matchRule(resolvePolicy(name), { kind: 'status', status: 429, codes: ['insufficient_quota'] });
    expect(rule.action).toBe('fail');
    expect(rule.reason).toBe('quota');
  });

  test('reads every code path the default policy reads', () => {
    expect(resolvePolicy(name).errorCodePaths).toEqual(
      expect.arrayContaining([...resolvePolicy('default').errorCodePaths]),
    );
  });

  test('gives every fail-fast rule of its own a hint', () => {
    for (const [key, rule] of Object.entries(preset.policy.rules ?? {})) {
      if (typeof rule === 'string' || rule.action !== 'fail') continue;
      expect(rule.hint, `${name} rules["${key}"]`).toMatch(/\S/);
    }
  });
});

test('names and aliases are lower-case and unique across presets', () => {
  expect(new Set(ALL_NAMES).size).toBe(ALL_NAMES.length);
  for (const name of ALL_NAMES) expect(name).toBe(name.toLowerCase());
  expect(ALL_NAMES).not.toContain('default');
});

test('the brief’s presets and aliases are all registered', () => {
  for (const name of ['openai', 'azure-openai', 'anthropic', 'openrouter', 'groq', 'gemini', 'google', 'mistral']) {
    expect(getPreset(name), name).toBeDefined();
  }
  for (const name of ['fireworks', 'deepseek', 'cohere', 'together', '4allapi', 'one-api', 'new-api']) {
    expect(getPreset(name), name).toBeDefined();
  }
});

test('"default" resolves to the default policy in any case', () => {
  expect(resolvePolicy().name).toBe('default');
  expect(resolvePolicy(' Default ').name).toBe('default');
});

test('an unknown name raises a ConfigError that lists every known name', () => {
  let caught: unknown;
  try {
    resolvePolicy('open-ai');
  } catch (error) {
    caught = error;
  }
  expect(isConfigError(caught)).toBe(true);
  const message = (caught as Error).message;
  expect(message).toContain('"open-ai"');
  for (const name of ['default', ...ALL_NAMES]) expect(message).toContain(name);
});

test('a policy input may extend a preset by name and override one rule', () => {
  const policy = resolvePolicy({ extends: 'together', rules: { '503': 'fail' } });
  expect(matchRule(policy, { kind: 'status', status: 503, codes: [] }).action).toBe('fail');
  expect(matchRule(policy, { kind: 'status', status: 403, codes: [] }).reason).toBe('context-length');
});

test('the public surface is listed by hand; a change here is a visible diff', () => {
  expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
    [
      "PRESETS",
      "PRESET_NAMES",
      "STAUNCH_OPTION_KEYS",
      "anthropic",
      "azureOpenai",
      "cloudflareRules",
      "cohere",
      "createPolicyEngine",
      "deepseek",
      "fireworks",
      "fourAllApi",
      "gemini",
      "getPreset",
      "groq",
      "mistral",
      "openai",
      "openrouter",
      "policyByHost",
      "presetForUrl",
      "resolvePolicy",
      "together",
      "workersAi",
    ]
  `);
});
