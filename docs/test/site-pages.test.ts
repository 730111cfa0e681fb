import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { renderBenchPage } from '../scripts/render-bench-page.js';
import { renderPackagePages } from '../scripts/render-package-pages.js';
import { renderPolicyReference } from '../scripts/render-policy-reference.js';

const ROOT = join(import.meta.dirname, '..', '..');

test('one page per published package, none for private ones', () => {
  const published = readdirSync(join(ROOT, 'packages')).filter((folder) => {
    const file = join(ROOT, 'packages', folder, 'package.json');
    return existsSync(file) && !JSON.parse(readFileSync(file, 'utf8')).private;
  });
  expect(
    renderPackagePages()
      .map((page) => page.slug)
      .sort(),
  ).toEqual(published.sort());
});

test("an adapter's page lists its own and its inherited options with their defaults, read from the sources", () => {
  const fetch = renderPackagePages().find((page) => page.slug === 'fetch')?.text ?? '';
  const row = (name: string) => fetch.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
  expect(row('throwHttpErrors')).toMatch(/\| `boolean` \| false \|/);
  expect(row('policy')).toMatch(/chosen per request from the URL's host .*\*\(from `StaunchOptions`\)\*/);
  expect(row('hosts')).toMatch(/\| `HostMap` \| \{\} \|/);
  expect(row('throttle')).toMatch(/\(from `EngineOptions`\)/);
  expect(row('idleTimeoutMs')).toMatch(/\(from `StreamGuardOptions`\)/);
  // `StaunchOptions` leaves out EngineOptions' own `policy`: it is listed once.
  expect(fetch.split('\n').filter((line) => line.startsWith('| `policy` |'))).toHaveLength(1);
});

test('the policy reference has every field of the JSON Schema', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'packages', 'core', 'policy.schema.json'), 'utf8'));
  const page = renderPolicyReference();
  for (const field of Object.keys(schema.properties)) expect(page).toContain(`| \`${field}\``);
  for (const definition of Object.keys(schema.definitions)) expect(page).toContain(`## ${definition}\n`);
});

test('the bench page embeds every result file, and links only charts that exist', () => {
  const page = renderBenchPage();
  const results = join(ROOT, 'bench', 'results');
  for (const file of readdirSync(results).filter((name) => name.endsWith('.md'))) {
    const title = readFileSync(join(results, file), 'utf8').match(/^# (.+)$/m)?.[1];
    if (title) expect(page).toContain(`## ${title}`);
  }
  for (const [, chart] of page.matchAll(/\]\(\.\.\/\.\.\/bench\/results\/([^)]+\.svg)\)/g)) {
    expect(existsSync(join(results, chart as string)), chart).toBe(true);
  }
  expect(page).toMatch(/\]\(\.\.\/\.\.\/bench\/results\/S1\.svg\)/);
});
