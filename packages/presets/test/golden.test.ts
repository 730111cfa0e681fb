import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { PRESETS, resolvePolicy } from '../src/index.js';
import { goldenTable, statusesOf } from './golden-table.js';

// Every decision of every preset is committed under test/golden/, so a change to a preset (or
// to core's default policy beneath them) is a reviewable diff. UPDATE_GOLDEN=1 rewrites the files.
const GOLDEN_DIR = join(import.meta.dirname, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const NAMES = ['default', ...PRESETS.map((preset) => preset.name)];

describe('golden tables', () => {
  test.each(NAMES)('%s matches its committed golden file', (name) => {
    const actual = goldenTable(resolvePolicy(name));
    const file = join(GOLDEN_DIR, `${name}.txt`);
    if (UPDATE) {
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(file, actual);
    }
    expect(existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
    expect(actual).toBe(readFileSync(file, 'utf8'));
  });

  test('a table has one line per status 100–599 and marks statuses below 400 as success', () => {
    const lines = goldenTable(resolvePolicy('default')).split('\n');
    const statusLines = lines.filter((line) => /^\d{3} /.test(line));
    expect(statusLines).toHaveLength(500);
    expect(statusLines[0]).toBe('100 success');
    expect(statusLines[299]).toBe('399 success');
    expect(statusLines[300]).toBe('400 fail invalid-request');
    expect(statusLines[499]).toBe('599 retry server-error');
  });

  test('code rows and attempt caps appear in a preset table', () => {
    const table = goldenTable(resolvePolicy('4allapi'));
    expect(table).toContain('\n503:model_not_found fail model-not-found\n');
    expect(table).toContain('\n503 retry overloaded\n');
    expect(table).toContain('\n504 retry gateway-timeout (at most 2 attempts)\n');
    expect(table).toContain('\n429:insufficient_user_quota fail quota\n');
  });

  test('status parts of rule keys expand to their statuses', () => {
    expect(statusesOf('429')).toEqual([429]);
    expect(statusesOf('525-526')).toEqual([525, 526]);
    expect(statusesOf('4xx')).toHaveLength(100);
    expect(statusesOf('4xx')[99]).toBe(499);
  });
});
