import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { table } from './render-policy-reference.js';

// One page per published package, from its package.json, its README and the options interfaces
// in its sources (every field's JSDoc and @default), so a new option shows up without a docs edit.
const PACKAGES = join(import.meta.dirname, '..', '..', 'packages');

interface PackageJson {
  readonly name: string;
  readonly description?: string;
  readonly private?: boolean;
  readonly bin?: string | Readonly<Record<string, string>>;
  readonly exports?: Readonly<Record<string, unknown>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
}

export interface PackagePage {
  /** The page's file name without `.md`: the folder name under packages/. */
  readonly slug: string;
  readonly name: string;
  readonly text: string;
}

export function renderPackagePages(): PackagePage[] {
  const pages: PackagePage[] = [];
  for (const folder of readdirSync(PACKAGES).sort()) {
    const file = join(PACKAGES, folder, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
    if (pkg.private) continue;
    pages.push({ slug: folder, name: pkg.name, text: renderPackage(folder, pkg) });
  }
  return pages;
}

function renderPackage(folder: string, pkg: PackageJson): string {
  const peers = Object.keys(pkg.peerDependencies ?? {});
  const out = [
    `# ${pkg.name}`,
    '',
    `<!-- Generated from packages/${folder} by docs/scripts/generate-site.ts. -->`,
    '',
    pkg.description ?? '',
    '',
    '```sh',
    `npm install ${[pkg.name, ...peers].join(' ')}`,
    '```',
    '',
  ];
  if (peers.length > 0) out.push(`Peer dependencies: ${peers.map((peer) => `\`${peer}\``).join(', ')}.`, '');
  const bins = typeof pkg.bin === 'string' ? [pkg.name] : Object.keys(pkg.bin ?? {});
  if (bins.length > 0) out.push(`Command: ${bins.map((bin) => `\`${bin}\``).join(', ')}.`, '');
  const entries = Object.keys(pkg.exports ?? {}).filter((key) => key !== './package.json');
  if (entries.length > 1)
    out.push(`Entry points: ${entries.map((key) => `\`${join(pkg.name, key)}\``).join(', ')}.`, '');
  const options = optionInterfaces(join(PACKAGES, folder, 'src'));
  if (options.length > 0) {
    out.push('## Options and defaults', '');
    for (const option of options) out.push(...option, '');
  }
  const readme = join(PACKAGES, folder, 'README.md');
  if (existsSync(readme)) {
    out.push('## Guide', '', ...demote(readFileSync(readme, 'utf8')), '');
  }
  return out.join('\n');
}

/** The README without its title, headings one level down, so it sits under "Guide". */
function demote(text: string): string[] {
  const lines = text.split('\n');
  if (lines[0]?.startsWith('# ')) lines.shift();
  let fenced = false;
  return lines.map((line) => {
    if (line.startsWith('```')) fenced = !fenced;
    return !fenced && /^#{1,5} /.test(line) ? `#${line}` : line;
  });
}

interface Declared {
  readonly name: string;
  readonly file: string;
  readonly source: ts.SourceFile;
  readonly node: ts.InterfaceDeclaration;
}

/** Every exported interface in the packages' sources, by name, so inherited options can be listed too. */
let interfaces: Map<string, Declared> | undefined;
function allInterfaces(): Map<string, Declared> {
  if (interfaces) return interfaces;
  interfaces = new Map();
  for (const folder of readdirSync(PACKAGES)) {
    for (const file of sourceFiles(join(PACKAGES, folder, 'src'))) {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      for (const node of source.statements) {
        if (!ts.isInterfaceDeclaration(node)) continue;
        if (!node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
        if (!interfaces.has(node.name.text))
          interfaces.set(node.name.text, { name: node.name.text, file, source, node });
      }
    }
  }
  return interfaces;
}

interface Row {
  readonly name: string;
  readonly cells: string[];
}

/** The interface's own fields, then those of what it extends (`Omit<X, 'a'>` leaves out `a`). */
function fieldsOf(declared: Declared, omit: ReadonlySet<string>, seen: Set<string>): Row[] {
  if (seen.has(declared.name)) return [];
  seen.add(declared.name);
  const { node, source } = declared;
  const rows: Row[] = [];
  for (const member of node.members) {
    if (!ts.isPropertySignature(member)) continue;
    const name = member.name.getText(source);
    if (omit.has(name)) continue;
    const { description, defaults } = jsDoc(member);
    const type = member.type?.getText(source).replace(/\s+/g, ' ') ?? 'unknown';
    const from = seen.size > 1 ? ` *(from \`${declared.name}\`)*` : '';
    rows.push({ name, cells: [`\`${name}\``, `\`${type}\``, defaults, `${description}${from}`] });
  }
  for (const clause of node.heritageClauses ?? []) {
    for (const base of clause.types) {
      let target = base.expression.getText(source);
      const left = new Set(omit);
      if (target === 'Omit' && base.typeArguments?.[0] && base.typeArguments[1]) {
        target = base.typeArguments[0].getText(source);
        for (const key of base.typeArguments[1].getText(source).matchAll(/'([^']+)'/g)) left.add(key[1] as string);
      }
      const parent = allInterfaces().get(target);
      if (parent === undefined) continue;
      for (const row of fieldsOf(parent, left, seen)) if (!rows.some((own) => own.name === row.name)) rows.push(row);
    }
  }
  return rows;
}

/** Every exported `…Options` interface (not `Resolved…`), as a heading and a table of all its fields. */
function optionInterfaces(src: string): string[][] {
  const found: string[][] = [];
  for (const declared of allInterfaces().values()) {
    const { name, file } = declared;
    if (!file.startsWith(`${src}/`) || !name.endsWith('Options') || name.startsWith('Resolved')) continue;
    const rows = fieldsOf(declared, new Set(), new Set()).map((row) => row.cells);
    const lines = [`### \`${name}\``, '', `Declared in \`${relative(join(src, '..', '..'), file)}\`.`, ''];
    if (rows.length > 0) lines.push(table(['Option', 'Type', 'Default', 'Meaning'], rows));
    found.push(lines);
  }
  return found;
}

function jsDoc(node: ts.Node): { description: string; defaults: string } {
  const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc ?? [];
  const description: string[] = [];
  let defaults = '';
  for (const doc of docs) {
    if (typeof doc.comment === 'string') description.push(doc.comment);
    for (const tag of doc.tags ?? []) {
      const comment =
        typeof tag.comment === 'string' ? tag.comment : (tag.comment?.map((part) => part.text).join('') ?? '');
      if (tag.tagName.text === 'default') defaults = comment;
      if (tag.tagName.text === 'example') description.push(`Example: \`${comment.replace(/\s+/g, ' ')}\``);
    }
  }
  return { description: description.join(' ').replace(/\s+/g, ' ').trim(), defaults };
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
