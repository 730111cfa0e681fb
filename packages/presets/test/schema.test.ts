import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { PRESETS } from '../src/index.js';

// Every preset's policy must also pass core's JSON Schema, which editors use for policy files.
// ajv is a devDependency of core only, so it is loaded through core's own resolution; the
// suite is skipped until core ships policy.schema.json.
const require = createRequire(import.meta.url);
const coreDir = dirname(require.resolve('@staunch/core/package.json'));
const SCHEMA = join(coreDir, 'policy.schema.json');

interface Validator {
  (data: unknown): boolean;
  errors?: unknown;
}
interface AjvInstance {
  compile(schema: object): Validator;
}
type AjvClass = new (options: object) => AjvInstance;

function compileSchema(): Validator {
  const schema = JSON.parse(readFileSync(SCHEMA, 'utf8')) as { $schema?: string };
  const coreRequire = createRequire(join(coreDir, 'package.json'));
  const entry = schema.$schema?.includes('2020-12') ? 'ajv/dist/2020' : 'ajv';
  const module = coreRequire(entry) as { default?: AjvClass } & AjvClass;
  const Ajv = module.default ?? module;
  return new Ajv({ allErrors: true, strict: false }).compile(schema);
}

describe.skipIf(!existsSync(SCHEMA))('policy.schema.json', () => {
  const validate: Validator = existsSync(SCHEMA) ? compileSchema() : () => false;

  test.each(PRESETS.map((preset) => [preset.name, preset] as const))('accepts the %s preset', (_name, preset) => {
    const ok = validate(preset.policy);
    expect(ok, JSON.stringify(validate.errors)).toBe(true);
  });

  test('rejects a rule with an unknown action, so the check above is not vacuous', () => {
    expect(validate({ rules: { '429': { action: 'maybe' } } })).toBe(false);
  });
});
