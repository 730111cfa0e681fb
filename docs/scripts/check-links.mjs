// Every internal href and src in the built site resolves: to a file (cleanUrls: `/x` → x.html,
// `/x/` → x/index.html) and, with a `#fragment`, to an element with that id on the target page.
// VitePress checks Markdown links while building; this checks what was actually emitted
// (navigation, sidebar, assets, generated pages). Exit 1 with every broken link listed.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const DIST = process.env.DOCS_DIST ?? join(import.meta.dirname, '..', '.vitepress', 'dist');
if (!existsSync(DIST)) {
  console.error(`no built site at ${DIST}: run pnpm docs:build first`);
  process.exit(2);
}
const pages = readdirSync(DIST, { recursive: true })
  .map(String)
  .filter((file) => file.endsWith('.html'));
const ids = new Map();
const idsOf = (file) => {
  if (!ids.has(file)) {
    const html = readFileSync(file, 'utf8');
    ids.set(file, new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((match) => decodeEntities(match[1]))));
  }
  return ids.get(file);
};

const broken = [];
let checked = 0;
for (const page of pages) {
  const html = readFileSync(join(DIST, page), 'utf8');
  const base = new URL(`http://site/${page.replace(/(^|\/)index\.html$/, '$1').replace(/\.html$/, '')}`);
  for (const match of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
    const raw = decodeEntities(match[1]);
    if (raw === '' || /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(raw)) continue; // external, mailto:, data:, javascript:
    checked++;
    const url = new URL(raw, base);
    const target = resolveFile(decodeURIComponent(url.pathname));
    if (target === undefined) {
      broken.push(`${page}: ${raw} (no such file)`);
    } else if (url.hash.length > 1 && target.endsWith('.html')) {
      const id = decodeURIComponent(url.hash.slice(1));
      if (!idsOf(target).has(id)) broken.push(`${page}: ${raw} (no element with id "${id}")`);
    }
  }
}

function resolveFile(pathname) {
  const path = join(DIST, pathname);
  for (const candidate of [path, `${path}.html`, join(path, 'index.html')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

function decodeEntities(text) {
  return text
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

if (broken.length > 0) {
  console.error(`${broken.length} broken internal link(s) in ${relative(process.cwd(), DIST)}:`);
  for (const line of broken) console.error(`  ${line}`);
  process.exit(1);
}
console.log(`links: ${checked} internal hrefs/srcs in ${pages.length} pages resolve`);
