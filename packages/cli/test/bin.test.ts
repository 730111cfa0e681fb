import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture } from './support/fake-io.js';

// The built bin, as npm installs it: built here with the package's own tsdown config, run as a
// child process (stdout a pipe, so plain output), and once installed from its packed tarball.
const packageDir = join(import.meta.dirname, '..');
const bin = join(packageDir, 'dist', 'cli.mjs');

function staunch(args: string[], options: { input?: string; cwd?: string; command?: string[] } = {}) {
  const [command, ...pre] = options.command ?? [process.execPath, bin];
  const result = spawnSync(command ?? process.execPath, [...pre, ...args], {
    encoding: 'utf8',
    input: options.input ?? '',
    cwd: options.cwd ?? packageDir,
    env: { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

beforeAll(() => {
  // tsdown is the workspace's (root devDependency), as in `pnpm build`.
  const tsdown = join(packageDir, '..', '..', 'node_modules', '.bin', 'tsdown');
  // Type declarations are not needed to run it (and take most of the build's time).
  const build = spawnSync(tsdown, ['--no-dts'], { cwd: packageDir, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`tsdown failed: ${build.error ?? ''}${build.stdout}${build.stderr}`);
}, 60_000);

describe('the built staunch bin', () => {
  it('starts with a node shebang and imports nothing outside itself but node:', () => {
    const text = readFileSync(bin, 'utf8');
    expect(text.startsWith('#!/usr/bin/env node\n')).toBe(true);
    const chunks = readdirSync(join(packageDir, 'dist')).filter((name) => name.endsWith('.mjs'));
    const imports = chunks.flatMap((name) =>
      [...readFileSync(join(packageDir, 'dist', name), 'utf8').matchAll(/from "([^"]+)"/g)].map((m) => m[1]),
    );
    expect(imports.filter((specifier) => !specifier?.startsWith('node:') && !specifier?.startsWith('./'))).toEqual([]);
  });

  it('exit codes: 0 done, 1 a finding, 2 bad usage; plain output through a pipe', () => {
    const explained = staunch(['explain', 'openai', '429', '--headers', fixture('openai-429.txt')]);
    expect(explained.code).toBe(0);
    expect(explained.out).toMatch(/^rule +"429" \(reason rate-limit\)$/m);
    expect(explained.out).not.toContain('\u001b[');
    expect(staunch(['validate', fixture('bad-policy.json')]).code).toBe(1);
    expect(staunch(['validate', fixture('good-policy.json')]).out).toBe('ok\n');
    const bad = staunch(['explain', 'nope', '429']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/unknown preset "nope"/);
    expect(staunch([]).code).toBe(2);
  });

  it('headers reads the response head on stdin', () => {
    const result = staunch(['headers', 'openai'], { input: readFileSync(fixture('openai-429.txt'), 'utf8') });
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^throttle +paces this scope at 8\.33 requests\/s/m);
  });

  it('npx staunch works once the packed package is installed', () => {
    const pack = spawnSync('npm', ['pack', '--json', '--pack-destination', tmpdir()], {
      cwd: packageDir,
      encoding: 'utf8',
    });
    expect(pack.status).toBe(0);
    const [{ filename }] = JSON.parse(pack.stdout) as [{ filename: string }];
    const app = mkdtempSync(join(tmpdir(), 'staunch-app-'));
    writeFileSync(join(app, 'package.json'), '{"name":"app","private":true}');
    // The bin bundles what it uses: the install needs no registry.
    const install = spawnSync(
      'npm',
      ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', join(tmpdir(), filename)],
      { cwd: app, encoding: 'utf8' },
    );
    expect(install.status, install.stderr).toBe(0);
    const result = staunch(['presets'], { cwd: app, command: ['npx', '--offline', '--no-install', 'staunch'] });
    expect(result.code, result.err).toBe(0);
    expect(result.out).toMatch(/^together/m);
  }, 60_000);
});
