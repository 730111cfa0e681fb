import { ConfigError } from '@staunch/core';
import { describe, expect, it } from 'vitest';
import { isFailoverError, routeOf } from '../src/index.js';
import { BACKUP, fakeChain, OPENAI, settle, THIRD } from './support/fake-chain.js';

const BODY = JSON.stringify({ model: 'gpt-4o-mini', messages: [] });
const QUOTA = { status: 429, body: { error: { code: 'insufficient_quota', message: 'You exceeded your quota' } } };

describe('the chain', () => {
  it('moves on after a target-owned failure, re-basing the path and query onto the next baseURL', async () => {
    const { clock, sent, call } = fakeChain(
      [
        { name: 'openai', baseURL: OPENAI, policy: 'openai' },
        { name: 'backup', baseURL: `${BACKUP}/`, policy: 'together' },
      ],
      (s) => (s.target === 'openai' ? { status: 503 } : { status: 200 }),
    );
    const result = await settle(clock, call(`${OPENAI}/chat/completions?stream=false`, { body: BODY }));
    expect(result).toMatchObject({ ok: true, value: 'backup#-:200', attempts: 2 });
    expect(sent.map((s) => s.url)).toEqual([
      `${OPENAI}/chat/completions?stream=false`,
      `${BACKUP}/chat/completions?stream=false`,
    ]);
    expect(routeOf(result.value)).toBeUndefined(); // a string value carries no report; objects do
  });

  it('enters at the target whose baseURL prefixes the URL, and never at a lookalike', async () => {
    const { router } = fakeChain([{ name: 'openai', baseURL: OPENAI }], () => ({ status: 200 }));
    expect(router.matches(`${OPENAI}/chat/completions`)).toBe(true);
    expect(router.matches(`${OPENAI}0/chat`)).toBe(false);
    expect(router.matches('https://elsewhere.test/v1/chat')).toBe(false);
  });

  it('never sends the entry credentials to another target; target headers replace same-named ones; keys go where the provider expects', async () => {
    const { clock, sent, call } = fakeChain(
      [
        { name: 'openai', baseURL: OPENAI, policy: 'openai', headers: { 'OpenAI-Organization': 'org-1' } },
        {
          name: 'claude',
          baseURL: BACKUP,
          policy: 'anthropic',
          keys: ['sk-ant'],
          headers: { 'anthropic-version': '2023-06-01' },
        },
        { name: 'azure', baseURL: THIRD, policy: 'azure-openai', keys: ['az-key'] },
        { name: 'gemini', baseURL: 'https://gemini.test/v1beta', policy: 'gemini', keys: ['g-key'] },
      ],
      (s) => (s.target === 'gemini' ? { status: 200 } : { status: 500 }),
    );
    await settle(
      clock,
      call(`${OPENAI}/chat/completions`, {
        body: BODY,
        headers: { authorization: 'Bearer sk-openai', 'openai-organization': 'org-0', 'x-trace': 't' },
      }),
    );
    const [openai, claude, azure, gemini] = sent;
    expect(openai?.headers).toMatchObject({
      authorization: 'Bearer sk-openai',
      'openai-organization': 'org-1',
      'x-trace': 't',
    });
    expect(claude?.headers).toMatchObject({ 'x-api-key': 'sk-ant', 'anthropic-version': '2023-06-01', 'x-trace': 't' });
    expect(claude?.headers.authorization).toBeUndefined();
    expect(azure?.headers).toMatchObject({ 'api-key': 'az-key' });
    expect(azure?.headers.authorization).toBeUndefined();
    expect(gemini?.headers).toMatchObject({ 'x-goog-api-key': 'g-key' });
  });

  it('rewrites the model of a JSON body by string or by map, and leaves an unmapped model alone', async () => {
    const { clock, sent, call } = fakeChain(
      [
        { name: 'openai', baseURL: OPENAI },
        { name: 'mapped', baseURL: BACKUP, model: { 'gpt-4o-mini': 'llama-3.3-70b' } },
        { name: 'fixed', baseURL: THIRD, model: 'mistral-small' },
      ],
      (s) => (s.target === 'fixed' ? { status: 200 } : { status: 502 }),
    );
    await settle(clock, call(`${OPENAI}/chat/completions`, { body: BODY }));
    expect(sent.map((s) => (s.body === undefined ? undefined : JSON.parse(s.body).model))).toEqual([
      undefined,
      'llama-3.3-70b',
      'mistral-small',
    ]);
    const unmapped = fakeChain(
      [
        { name: 'a', baseURL: OPENAI },
        { name: 'b', baseURL: BACKUP, model: { other: 'x' } },
      ],
      (s) => (s.target === 'b' ? { status: 200 } : { status: 502 }),
    );
    await settle(unmapped.clock, unmapped.call(`${OPENAI}/chat/completions`, { body: BODY }));
    expect(unmapped.sent[1]?.body).toBeUndefined();
  });

  it('fails fast on an outcome that belongs to the request, unless a rule says failover', async () => {
    const contextLength = { status: 400, body: { error: { code: 'context_length_exceeded' } } };
    const plain = fakeChain(
      [
        { name: 'openai', baseURL: OPENAI, policy: 'openai' },
        { name: 'backup', baseURL: BACKUP },
      ],
      () => contextLength,
    );
    const failed = await settle(plain.clock, plain.call(`${OPENAI}/chat/completions`, { body: BODY }));
    expect(failed.ok ? undefined : failed.error.reason).toBe('context-length');
    expect(plain.sent).toHaveLength(1);

    const longer = fakeChain(
      [
        {
          name: 'openai',
          baseURL: OPENAI,
          policy: {
            extends: 'openai',
            rules: { '400:context_length_exceeded': { action: 'fail', reason: 'context-length', failover: true } },
          },
        },
        { name: 'long-context', baseURL: BACKUP },
      ],
      (s) => (s.target === 'openai' ? contextLength : { status: 200 }),
    );
    const moved = await settle(longer.clock, longer.call(`${OPENAI}/chat/completions`, { body: BODY }));
    expect(moved).toMatchObject({ ok: true, value: 'long-context#-:200' });
  });

  it('a key out of quota is held: the next key serves, later calls skip it without an attempt until the hold ends', async () => {
    const { clock, sent, call, router } = fakeChain(
      [{ name: 'openai', baseURL: OPENAI, policy: 'openai', keys: ['k0', 'k1'], breaker: { holdMs: 60_000 } }],
      (s) => (s.key === 0 ? QUOTA : { status: 200 }),
    );
    for (let i = 0; i < 5; i++) await settle(clock, call(`${OPENAI}/chat/completions`, { body: BODY }));
    expect(sent.filter((s) => s.key === 0)).toHaveLength(1);
    expect(router.breakerState('openai', 0)).toBe('open');
    expect(router.breakerState('openai')).toBe('closed');
    await clock.advance(60_000);
    await settle(clock, call(`${OPENAI}/chat/completions`, { body: BODY }));
    await settle(clock, call(`${OPENAI}/chat/completions`, { body: BODY }));
    expect(sent.filter((s) => s.key === 0)).toHaveLength(2); // one probe after the hold, held again
  });

  it('when every target fails, one typed error lists each outcome with its hint; the last response is kept', async () => {
    const { clock, call } = fakeChain(
      [
        { name: 'openai', baseURL: OPENAI, policy: 'openai' },
        { name: 'backup', baseURL: BACKUP, policy: 'openai' },
      ],
      (s) => (s.target === 'openai' ? QUOTA : { status: 503 }),
    );
    const result = await settle(clock, call(`${OPENAI}/chat/completions`, { body: BODY }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(isFailoverError(result.error)).toBe(true);
    if (!isFailoverError(result.error)) return;
    expect(result.error.outcomes.map((o) => [o.target, o.outcome, o.status])).toEqual([
      ['openai', 'quota', 429],
      ['backup', expect.stringMatching(/overloaded|server-error/), 503],
    ]);
    expect(result.error.outcomes[0]?.hint).toMatch(/.+/);
    expect(result.error.message).toMatch(/openai: HTTP 429 insufficient_quota \(quota\) after 1 attempt/);
    expect(result).toMatchObject({ hasValue: true, value: 'backup#-:503' });
  });

  it('an open target is skipped at once while a healthy one exists', async () => {
    const { clock, sent, call, router } = fakeChain(
      [
        { name: 'openai', baseURL: OPENAI },
        { name: 'backup', baseURL: BACKUP },
      ],
      (s) => (s.target === 'openai' ? { status: 503 } : { status: 200 }),
    );
    for (let i = 0; i < 20; i++) await settle(clock, call(`${OPENAI}/chat/completions`, { body: BODY }));
    expect(sent.filter((s) => s.target === 'openai')).toHaveLength(5);
    expect(router.breakerState('openai')).toBe('open');
  });

  it('a body that cannot be sent twice stays at its first target', async () => {
    const { clock, sent, call } = fakeChain(
      [
        { name: 'openai', baseURL: OPENAI },
        { name: 'backup', baseURL: BACKUP },
      ],
      () => ({ status: 503 }),
    );
    const result = await settle(clock, call(`${OPENAI}/chat/completions`, { replayable: false }));
    expect(result.ok).toBe(false);
    expect(sent).toHaveLength(1);
  });

  it('rejects a chain that cannot work, naming the field, the value and the fix', () => {
    expect(() => fakeChain([], () => ({ status: 200 }))).toThrow(ConfigError);
    expect(() => fakeChain([{ name: 'a', baseURL: 'api.openai.com' }], () => ({ status: 200 }))).toThrow(
      /targets\[0\]\.baseURL.*absolute http\(s\) URL/,
    );
    expect(() =>
      fakeChain(
        [
          { name: 'a', baseURL: OPENAI },
          { name: 'a', baseURL: BACKUP },
        ],
        () => ({ status: 200 }),
      ),
    ).toThrow(/targets\[1\]\.name.*names two targets/);
    expect(() => fakeChain([{ name: 'a', baseURL: OPENAI, keys: [] }], () => ({ status: 200 }))).toThrow(
      /targets\[0\]\.keys/,
    );
    expect(() => fakeChain([{ name: 'a', baseURL: OPENAI, policy: 'nope' }], () => ({ status: 200 }))).toThrow(
      /unknown preset/,
    );
  });
});
