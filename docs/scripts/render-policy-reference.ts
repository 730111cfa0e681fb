import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Renders the policy reference from core's JSON Schema (the file editors and CI validate against).
const SCHEMA = join(import.meta.dirname, '..', '..', 'packages', 'core', 'policy.schema.json');

interface Schema {
  readonly type?: string | readonly string[];
  readonly description?: string;
  readonly default?: unknown;
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly $ref?: string;
  readonly oneOf?: readonly Schema[];
  readonly anyOf?: readonly Schema[];
  readonly items?: Schema;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly definitions?: Readonly<Record<string, Schema>>;
  readonly title?: string;
}

export function renderPolicyReference(): string {
  const schema = JSON.parse(readFileSync(SCHEMA, 'utf8')) as Schema;
  const out = [
    '# Policy reference',
    '',
    '<!-- Generated from packages/core/policy.schema.json by docs/scripts/generate-site.ts. -->',
    '',
    schema.description ?? '',
    '',
    'The schema ships as `@staunch/core/policy.schema.json`; point `$schema` at it for completion in editors.',
    'The guide to writing policies is [Policies](../policies.md).',
    '',
    '## Policy',
    '',
    fieldTable(schema),
    '',
  ];
  for (const [name, definition] of Object.entries(schema.definitions ?? {})) {
    out.push(`## ${name}`, '', definition.description ?? '', '');
    if (definition.properties) out.push(fieldTable(definition), '');
    else out.push(`Type: ${typeOf(definition)}`, '');
  }
  return out.join('\n');
}

function fieldTable(schema: Schema): string {
  const rows = Object.entries(schema.properties ?? {}).map(([name, field]) => [
    `\`${name}\`${schema.required?.includes(name) ? ' (required)' : ''}`,
    typeOf(field),
    field.default === undefined ? '' : `\`${JSON.stringify(field.default)}\``,
    [field.description ?? '', bounds(field)].filter(Boolean).join(' '),
  ]);
  return table(['Field', 'Type', 'Default', 'Meaning'], rows);
}

function typeOf(field: Schema): string {
  if (field.$ref) {
    const name = field.$ref.split('/').pop() ?? '';
    return `[${name}](#${name.toLowerCase()})`;
  }
  if (field.enum) return field.enum.map((value) => `\`${JSON.stringify(value)}\``).join(' or ');
  const union = field.oneOf ?? field.anyOf;
  if (union) return union.map(typeOf).join(' or ');
  if (field.type === 'array' && field.items) return `array of ${typeOf(field.items)}`;
  return Array.isArray(field.type) ? field.type.join(' or ') : String(field.type ?? 'any');
}

function bounds(field: Schema): string {
  const parts: string[] = [];
  if (field.minimum !== undefined) parts.push(`min ${field.minimum}`);
  if (field.maximum !== undefined) parts.push(`max ${field.maximum}`);
  return parts.length === 0 ? '' : `(${parts.join(', ')})`;
}

export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (row: readonly string[]) =>
    `| ${row.map((cell) => cell.replaceAll('|', '\\|').replaceAll('\n', ' ')).join(' | ')} |`;
  return [line(head), `| ${head.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}
