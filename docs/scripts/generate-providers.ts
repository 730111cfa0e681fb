import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderProvidersDoc } from './render-providers.js';

// Writes docs/providers.md from the presets. With --check, only reports whether it is current.
const file = join(import.meta.dirname, '..', 'providers.md');
const text = renderProvidersDoc();
if (process.argv.includes('--check')) {
  const current = readFileSync(file, 'utf8');
  if (current !== text) {
    console.error('docs/providers.md is out of date: run this script without --check.');
    process.exit(1);
  }
} else {
  writeFileSync(file, text);
  console.log(`wrote ${file}`);
}
