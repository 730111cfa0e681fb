import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';

// The built-site link check, on a small hand-made site: clean URLs, assets and anchors resolve;
// a missing page, asset or anchor is reported and fails the check.
const SCRIPT = join(import.meta.dirname, '..', 'scripts', 'check-links.mjs');
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function site(files: Record<string, string>) {
  dir = mkdtempSync(join(tmpdir(), 'staunch-links-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return spawnSync(process.execPath, [SCRIPT], { env: { ...process.env, DOCS_DIST: dir }, encoding: 'utf8' });
}

const GOOD = {
  'index.html':
    '<h1 id="top">Home</h1><a href="/providers#hosts">p</a><a href="./reference/policy">r</a><img src="/assets/a.svg"><a href="https://example.com/x">x</a><a href="#top">t</a>',
  'providers.html': '<h2 id="hosts">Hosts</h2><a href="/">home</a>',
  'reference/policy.html': '<a href="../providers">up</a>',
  'assets/a.svg': '<svg/>',
};

test('a site whose links all resolve passes', () => {
  const run = site(GOOD);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/links: 6 internal hrefs\/srcs in 3 pages resolve/);
});

test('a missing page, asset or anchor fails, each one listed', () => {
  const run = site({
    ...GOOD,
    'index.html': '<a href="/nope">n</a><img src="/assets/missing.svg"><a href="/providers#gone">g</a>',
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('index.html: /nope (no such file)');
  expect(run.stderr).toContain('index.html: /assets/missing.svg (no such file)');
  expect(run.stderr).toContain('index.html: /providers#gone (no element with id "gone")');
});
