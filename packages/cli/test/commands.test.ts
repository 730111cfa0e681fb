import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/index.js';
import { fakeIo, fixture } from './support/fake-io.js';

async function staunch(argv: string[], options?: Parameters<typeof fakeIo>[0]) {
  const io = fakeIo(options);
  const code = await run(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('staunch explain', () => {
  it('a quota 429 from OpenAI fails fast with the provider hint', async () => {
    const { code, out } = await staunch(['explain', 'openai', '429:insufficient_quota']);
    expect(code).toBe(0);
    expect(out).toMatch(/^rule +"429:insufficient_quota" \(reason quota\)$/m);
    expect(out).toMatch(/^action +fail fast/m);
    expect(out).toMatch(/^hint +.*out of quota/m);
    expect(out).not.toMatch(/^attempts/m);
  });

  it('a 429 with the server’s headers: the wait they ask for, the attempt limit', async () => {
    const { out } = await staunch(['explain', 'openai', '429', '--headers', fixture('openai-429.txt')]);
    expect(out).toMatch(/^action +retry$/m);
    expect(out).toMatch(/^attempts +up to 5 in all/m);
    expect(out).toMatch(/^wait +1200–\d+ ms before the next attempt, as the server asked \(retry-after-ms/m);
  });

  it('reads the code from --body; without headers the wait is the backoff', async () => {
    const body = JSON.stringify({ error: { code: 'dynamic_token_limited', message: 'slow down' } });
    const { out } = await staunch(['explain', 'together', '429', '--body', body]);
    expect(out).toMatch(/^outcome +HTTP 429 with code "dynamic_token_limited" — "slow down"$/m);
    expect(out).toMatch(/^rule +"429:dynamic_token_limited"/m);
    expect(out).toMatch(/^wait +0–\d+ ms before the next attempt: backoff/m);
  });

  it('a URL gets the preset its host chooses; an unknown host the default policy', async () => {
    const known = await staunch(['explain', 'https://api.together.xyz/v1/chat/completions', '503']);
    expect(known.out).toMatch(/^preset +together \(Together AI\), chosen by host api\.together\.xyz$/m);
    const unknown = await staunch(['explain', 'https://llm.internal.example/v1', '503']);
    expect(unknown.out).toMatch(/^preset +default, chosen by host llm\.internal\.example \(unknown host/m);
  });

  it('Retry-After in seconds is the wait; one beyond maxRetryAfterMs (60 s) fails at once', async () => {
    const { out } = await staunch(['explain', 'default', '429', '--headers', fixture('retry-after-30.txt')]);
    expect(out).toMatch(/^wait +30000–\d+ ms before the next attempt, as the server asked \(retry-after/m);
    const long = await staunch(['explain', 'default', '429', '--headers', fixture('retry-after-120.txt')]);
    expect(long.out).toMatch(/^wait +none: fails at once with retryAt — the server asked to wait 120000 ms/m);
  });

  it("--hosts maps your own gateway to a preset, as the adapters' hosts option does", async () => {
    const url = 'https://llm.internal.example/v1/chat/completions';
    const mapped = await staunch(['explain', url, '429', '--hosts', '{"llm.internal.example":"anthropic"}']);
    expect(mapped.out).toMatch(/^preset +anthropic \(Anthropic\), chosen by host llm\.internal\.example$/m);
    expect((await staunch(['explain', url, '429', '--hosts', '{"llm.internal.example":"nope"}'])).code).toBe(2);
    expect((await staunch(['explain', url, '429', '--hosts', 'nope'])).code).toBe(2);
    expect((await staunch(['explain', 'openai', '429', '--hosts', '{}'])).code).toBe(2);
  });

  it('network and timeout outcomes; a success', async () => {
    expect((await staunch(['explain', 'openai', 'network'])).out).toMatch(/^rule +"network"/m);
    expect((await staunch(['explain', 'openai', 'timeout'])).out).toMatch(/^rule +"timeout"/m);
    expect((await staunch(['explain', 'openai', '200'])).out).toMatch(/a success/);
  });

  it('bad usage exits 2 with the reason on stderr', async () => {
    for (const argv of [
      ['explain'],
      ['explain', 'openai'],
      ['explain', 'opena', '429'],
      ['explain', 'openai', '42'],
      ['explain', 'openai', '429', '--bogus'],
      ['explain', 'openai', '429', '--headers', '/nonexistent/file'],
      ['explain', 'openai', '429', '--body', 'not json'],
    ]) {
      const { code, out, err } = await staunch(argv);
      expect([argv, code]).toEqual([argv, 2]);
      expect(out).toBe('');
      expect(err).toMatch(/^staunch explain: .+\nRun staunch explain --help for usage\.\n$/);
    }
    expect((await staunch(['explain', 'opena', '429'])).err).toMatch(
      /unknown preset "opena"\. Known presets: default, openai/,
    );
  });
});

describe('staunch validate', () => {
  it('ok for a valid file', async () => {
    expect(await staunch(['validate', fixture('good-policy.json')])).toEqual({ code: 0, out: 'ok\n', err: '' });
    expect(await staunch(['validate', '--json', fixture('good-policy.json')])).toEqual({
      code: 0,
      out: '{"ok":true}\n',
      err: '',
    });
  });

  it('every error with its JSON path and fix, exit 1; --json for machines', async () => {
    const { code, out } = await staunch(['validate', fixture('bad-policy.json')]);
    expect(code).toBe(1);
    expect(out.split('\n').map((line) => line.split(':')[0])).toEqual([
      '$.maxAttempts',
      '$.polcy',
      '$.rules["429"].action',
      '$.rules["abc"]',
      '$.backoff.baseMs',
      `5 errors in ${fixture('bad-policy.json')}`,
      '',
    ]);
    expect(out).toMatch(/^\$\.maxAttempts: expected an integer from 1 to 100, got 0\. .+$/m);
    const json = await staunch(['validate', '--json', fixture('bad-policy.json')]);
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.out) as { ok: boolean; errors: { path: string; message: string }[] };
    expect(parsed.ok).toBe(false);
    expect(parsed.errors.map((error) => error.path)).toEqual([
      '$.maxAttempts',
      '$.polcy',
      '$.rules["429"].action',
      '$.rules["abc"]',
      '$.backoff.baseMs',
    ]);
  });

  it('what only shows together (overlapping rules) and broken JSON are errors too', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'staunch-cli-')), 'policy.json');
    await writeFile(file, '{"rules":{"5xx":"retry","500-599":"fail"}}');
    const overlap = await staunch(['validate', file]);
    expect(overlap.code).toBe(1);
    expect(overlap.out).toMatch(/^\$\.rules\["500-599"\]: duplicates rules\["5xx"\]/m);
    await writeFile(file, '{"rules":');
    const broken = await staunch(['validate', file]);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/^\$: not JSON: /);
  });

  it('a missing file or argument is bad usage', async () => {
    expect((await staunch(['validate'])).code).toBe(2);
    expect((await staunch(['validate', '/nonexistent.json'])).code).toBe(2);
  });
});

describe('staunch headers', () => {
  it('explains OpenAI headers from a curl -i head: limits, resets as time and wait, the server wait, the pace', async () => {
    const stdin = await readFile(fixture('openai-429.txt'), 'utf8');
    const { code, out } = await staunch(['headers', 'openai'], { stdin });
    expect(code).toBe(0);
    expect(out).toMatch(/^status +429$/m);
    expect(out).toMatch(
      /^requests +limit 500 per 60 s · remaining 0 · resets in 1\.2 s \(at 2026-12-03T13:40:01\.200Z\)$/m,
    );
    expect(out).toMatch(/states a pace of 8\.33 requests\/s/);
    expect(out).toMatch(/^wait +the server asks to wait 1\.2 s \(retry-after-ms\)/m);
    expect(out).toMatch(/^throttle +paces this scope at 8\.33 requests\/s and 500 tokens\/s$/m);
  });

  it('without a preset, guesses the one whose headers these are', async () => {
    const stdin = await readFile(fixture('openai-429.txt'), 'utf8');
    const { out } = await staunch(['headers'], { stdin });
    expect(out).toMatch(/^preset +openai \(OpenAI\), chosen by the headers/m);
  });

  it('no rate-limit header it reads is a finding (exit 1); no input is bad usage (exit 2)', async () => {
    expect(
      (await staunch(['headers', 'openai'], { stdin: 'HTTP/1.1 200 OK\ncontent-type: text/plain\n\n' })).code,
    ).toBe(1);
    expect((await staunch(['headers', 'openai'], { stdin: '' })).code).toBe(2);
  });
});

describe('staunch presets, help, colours', () => {
  it('lists every preset with its statuses and header dialects', async () => {
    const { code, out } = await staunch(['presets']);
    expect(code).toBe(0);
    expect(out).toMatch(/^openai — OpenAI$/m);
    expect(out).toMatch(/^ {2}headers +x-ratelimit-limit-requests, x-ratelimit-remaining-requests/m);
    expect(out).toMatch(/^4allapi \(also one-api/m);
    const json = JSON.parse((await staunch(['presets', '--json'])).out) as { name: string }[];
    expect(json.map((preset) => preset.name)).toContain('together');
  });

  it('--help on each command exits 0; no command or an unknown one exits 2', async () => {
    for (const command of ['explain', 'validate', 'headers', 'presets']) {
      const { code, out } = await staunch([command, '--help']);
      expect([command, code, out.startsWith(`Usage: staunch ${command}`)]).toEqual([command, 0, true]);
    }
    expect((await staunch(['--help'])).code).toBe(0);
    expect((await staunch([])).code).toBe(2);
    expect((await staunch(['explian'])).err).toMatch(/unknown command "explian"/);
  });

  it('colours on a terminal only, and never with NO_COLOR', async () => {
    const esc = '\u001b[';
    expect((await staunch(['explain', 'openai', '500'], { isTTY: true })).out).toContain(esc);
    expect((await staunch(['explain', 'openai', '500'], { isTTY: true, env: { NO_COLOR: '1' } })).out).not.toContain(
      esc,
    );
    expect((await staunch(['explain', 'openai', '500'], { isTTY: false })).out).not.toContain(esc);
  });
});
