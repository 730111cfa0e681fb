import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { renderProvidersDoc } from '../../../docs/scripts/render-providers.js';
import { PRESETS } from '../src/index.js';

// docs/providers.md is generated from the presets; a preset change without regenerating it fails here.
const DOC = join(import.meta.dirname, '..', '..', '..', 'docs', 'providers.md');

test('docs/providers.md is up to date with the presets', () => {
  const committed = readFileSync(DOC, 'utf8');
  expect(
    committed === renderProvidersDoc(),
    'docs/providers.md is stale: run pnpm exec tsx --conditions=@staunch/source docs/scripts/generate-providers.ts',
  ).toBe(true);
});

test('the generated table has one row per preset, naming every alias', () => {
  const rows = renderProvidersDoc()
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| Provider') && !line.startsWith('| Outcome'));
  for (const preset of PRESETS) {
    const row = rows.find((line) => line.startsWith(`| ${preset.title} `) && line.includes(`\`${preset.name}\``));
    expect(row, preset.title).toBeDefined();
    for (const name of [preset.name, ...preset.aliases]) expect(row).toContain(`\`${name}\``);
  }
});

test('the table shows attempt caps and the header formats the presets declare', () => {
  const doc = renderProvidersDoc();
  expect(doc).toMatch(/\| 4AllAPI [^\n]*504 \(at most 2 attempts\)/);
  expect(doc).toMatch(/\| Groq [^\n]*requests per day: [^\n]*reset as go-duration/);
  expect(doc).toMatch(/\| OpenRouter [^\n]*reset as epoch-ms/);
});
