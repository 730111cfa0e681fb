import { isConfigError, matchRule, readErrorBody } from '@staunch/core';
import { describe, expect, test } from 'vitest';
import { PRESETS, policyByHost, presetForUrl, resolvePolicy } from '../src/index.js';

// One URL per host each preset claims, as the provider documents its endpoints.
const CASES: readonly (readonly [string, string])[] = [
  ['https://api.openai.com/v1/chat/completions', 'openai'],
  [
    'https://my-resource.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21',
    'azure-openai',
  ],
  ['https://my-resource.cognitiveservices.azure.com/openai/v1/chat/completions', 'azure-openai'],
  ['https://api.anthropic.com/v1/messages', 'anthropic'],
  ['https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent', 'gemini'],
  ['https://generativelanguage.googleapis.com/v1beta/openai/chat/completions', 'gemini'],
  [
    'https://us-central1-aiplatform.googleapis.com/v1/projects/p/locations/us-central1/publishers/google/models/gemini-2.5-pro:generateContent',
    'gemini',
  ],
  ['https://api.groq.com/openai/v1/chat/completions', 'groq'],
  ['https://api.together.xyz/v1/chat/completions', 'together'],
  ['https://api.mistral.ai/v1/chat/completions', 'mistral'],
  ['https://codestral.mistral.ai/v1/fim/completions', 'mistral'],
  ['https://api.fireworks.ai/inference/v1/chat/completions', 'fireworks'],
  ['https://openrouter.ai/api/v1/chat/completions', 'openrouter'],
  ['https://api.deepseek.com/chat/completions', 'deepseek'],
  ['https://api.cohere.com/v2/chat', 'cohere'],
  ['https://api.cohere.ai/v1/chat', 'cohere'],
  ['https://api.cloudflare.com/client/v4/accounts/0123abcd/ai/run/@cf/meta/llama-3.1-8b-instruct', 'cloudflare'],
  ['https://api.cloudflare.com/client/v4/accounts/0123abcd/ai/v1/chat/completions', 'cloudflare'],
  ['https://gateway.ai.cloudflare.com/v1/0123abcd/my-gateway/compat/chat/completions', 'cloudflare'],
  ['https://gateway.ai.cloudflare.com/v1/0123abcd/my-gateway/workers-ai/@cf/meta/llama-3.1-8b-instruct', 'cloudflare'],
  ['https://gateway.ai.cloudflare.com/v1/0123abcd/my-gateway/openai/chat/completions', 'openai'],
  ['https://gateway.ai.cloudflare.com/v1/0123abcd/my-gateway/anthropic/v1/messages', 'anthropic'],
  [
    'https://gateway.ai.cloudflare.com/v1/0123abcd/my-gateway/google-ai-studio/v1/models/gemini-2.5-flash:generateContent',
    'gemini',
  ],
  ['https://gateway.ai.cloudflare.com/v1/0123abcd/my-gateway/groq/chat/completions', 'groq'],
  ['https://api.4allapi.com/v1/chat/completions', '4allapi'],
];

describe('presetForUrl', () => {
  test.each(CASES)('%s → %s', (url, name) => {
    expect(presetForUrl(url)?.name).toBe(name);
    expect(presetForUrl(new URL(url))?.name).toBe(name);
  });

  test('every host a preset claims is exercised above', () => {
    for (const preset of PRESETS) {
      expect(preset.hosts.length, preset.name).toBeGreaterThan(0);
      expect(
        CASES.some(([, name]) => name === preset.name),
        preset.name,
      ).toBe(true);
    }
  });

  test('unknown hosts, look-alikes and unparsable URLs get the default policy (undefined)', () => {
    for (const url of [
      'https://example.com/v1/chat/completions',
      'http://127.0.0.1:8080/v1/chat/completions',
      'https://api.openai.com.evil.example/v1',
      'https://evilapi.openai.com/v1',
      'https://openai.azure.com/openai',
      'https://api.cloudflare.com/client/v4/accounts/0123abcd/workers/scripts',
      'https://api.cloudflare.com/client/v4/accounts',
      '/v1/chat/completions',
      'not a url',
    ]) {
      expect(presetForUrl(url)?.name, url).toBeUndefined();
    }
  });

  test('host names compare without case, port or trailing dot; path prefixes match whole segments', () => {
    expect(presetForUrl('https://API.Anthropic.COM:443/v1/messages')?.name).toBe('anthropic');
    expect(presetForUrl('https://api.anthropic.com./v1/messages')?.name).toBe('anthropic');
    expect(presetForUrl('https://gateway.ai.cloudflare.com/v1/a/g/openaix/chat')?.name).toBe('cloudflare');
  });

  test("the user's map comes first, takes wildcards, ports, paths and 'default'", () => {
    const hosts = {
      'llm.internal.example': 'openai',
      '*.gw.example': 'one-api',
      'localhost:8080': 'anthropic',
      'proxy.example/together': 'together',
      'api.groq.com': 'default',
    };
    expect(presetForUrl('http://llm.internal.example/v1/chat/completions', hosts)?.name).toBe('openai');
    expect(presetForUrl('https://eu.gw.example/v1/chat/completions', hosts)?.name).toBe('4allapi');
    expect(presetForUrl('http://localhost:8080/v1/messages', hosts)?.name).toBe('anthropic');
    expect(presetForUrl('http://localhost:9090/v1/messages', hosts)?.name).toBeUndefined();
    expect(presetForUrl('https://proxy.example/together/v1/chat/completions', hosts)?.name).toBe('together');
    expect(presetForUrl('https://proxy.example/other/v1', hosts)?.name).toBeUndefined();
    expect(presetForUrl('https://api.groq.com/openai/v1/chat/completions', hosts)?.name).toBeUndefined();
    expect(presetForUrl('https://api.openai.com/v1/chat/completions', hosts)?.name).toBe('openai');
  });

  test('a bad host map is a ConfigError naming the entry and the nearest preset', () => {
    const attempt = (hosts: Record<string, string>) => () => presetForUrl('https://x.example', hosts);
    expect(attempt({ 'llm.internal': 'opena1' })).toThrow(
      /hosts\["llm\.internal"\]: unknown preset "opena1"\. Did you mean `openai`\?/,
    );
    expect(attempt({ 'https://llm.internal': 'openai' })).toThrow(/without scheme/);
    expect(attempt({ '': 'openai' })).toThrow(/expected a host name/);
    try {
      attempt({ 'llm.internal': 'nope-nope-nope' })();
      expect.unreachable();
    } catch (error) {
      expect(isConfigError(error)).toBe(true);
      expect(String(error)).not.toMatch(/Did you mean/);
    }
  });
});

describe('policyByHost', () => {
  test('builds each preset once and returns undefined (the engine policy) for unknown hosts', () => {
    const choose = policyByHost({});
    const first = choose('https://api.together.xyz/v1/chat/completions');
    expect(first?.name).toBe('together');
    expect(choose('https://api.together.xyz/v1/completions')).toBe(first);
    expect(choose('https://example.com/v1')).toBeUndefined();
  });

  test('the chosen policy is the preset: a Together 403 fails as context-length, the default would call it permission', () => {
    const policy = policyByHost({})('https://api.together.xyz/v1/chat/completions');
    expect(policy && matchRule(policy, { kind: 'status', status: 403, codes: [] }).reason).toBe('context-length');
  });

  test('with `policy` set nothing is chosen by host; `hosts` beside it is a ConfigError', () => {
    expect(policyByHost({ policy: 'openai' })('https://api.together.xyz/v1')).toBeUndefined();
    expect(() => policyByHost({ policy: 'openai', hosts: { 'a.example': 'groq' } })).toThrow(
      /hosts: has no effect with `policy` set/,
    );
  });

  test('the host map is validated when the adapter is made, not on the first request', () => {
    expect(() => policyByHost({ hosts: { 'a.example': 'grok' } })).toThrow(/Did you mean `groq`\?/);
  });
});

describe('the default policy reads one-api / new-api gateway bodies (a self-hosted gateway is an unknown host)', () => {
  test.each([
    [
      503,
      '{"error":{"message":"no channel (request id: 1)","type":"new_api_error","param":"","code":"model_not_found"}}',
      'fail',
      'model-not-found',
    ],
    [
      503,
      '{"error":{"message":"当前分组 default 下对于模型 gpt-4o-mimi 无可用渠道 (request id: 2)","type":"one_api_error","param":"","code":""}}',
      'fail',
      'model-not-found',
    ],
    [
      503,
      '{"error":{"message":"upstream busy (request id: 3)","type":"one_api_error","param":"","code":""}}',
      'retry',
      'overloaded',
    ],
    [
      403,
      '{"error":{"message":"用户额度不足","type":"new_api_error","param":"","code":"insufficient_user_quota"}}',
      'fail',
      'quota',
    ],
    [
      403,
      '{"error":{"message":"pre-consume failed","type":"new_api_error","param":"","code":"pre_consume_token_quota_failed"}}',
      'fail',
      'quota',
    ],
    [
      429,
      '{"error":{"message":"quota","type":"new_api_error","param":"","code":"insufficient_user_quota"}}',
      'fail',
      'quota',
    ],
  ] as const)('%d %s → %s (%s)', (status, body, action, reason) => {
    expect(policyByHost({})('https://llm.internal.example/v1/chat/completions')).toBeUndefined();
    const policy = resolvePolicy('default');
    const { codes, message } = readErrorBody(body, policy.errorCodePaths);
    const rule = matchRule(policy, { kind: 'status', status, codes, message });
    expect([rule.action, rule.reason]).toEqual([action, reason]);
  });
});
