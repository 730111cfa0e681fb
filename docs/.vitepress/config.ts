import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DefaultTheme, defineConfig } from 'vitepress';

// The docs site. The sidebar is read from the files, so a new page (docs/<name>.md, or a package
// under packages/) appears without editing this file; GUIDE_ORDER only sets the order of known ones.
const ROOT = join(import.meta.dirname, '..');
const GUIDE_ORDER = [
  'policies',
  'fetch',
  'adapters',
  'providers',
  'throttle',
  'redis',
  'failover',
  'otel',
  'cli',
  'reliability',
];

const HTML_TAGS = new Set([
  'a',
  'b',
  'br',
  'code',
  'details',
  'div',
  'em',
  'i',
  'img',
  'kbd',
  'p',
  'span',
  'strong',
  'sub',
  'summary',
  'sup',
]);

function title(file: string, fallback: string): string {
  const heading = readFileSync(file, 'utf8').match(/^# (.+)$/m)?.[1];
  return (heading ?? fallback).replace(/`/g, '');
}

function pagesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md') && name !== 'index.md' && name !== 'README.md')
    .map((name) => name.slice(0, -3));
}

function guide(): DefaultTheme.SidebarItem[] {
  const rank = (name: string) => (GUIDE_ORDER.includes(name) ? GUIDE_ORDER.indexOf(name) : GUIDE_ORDER.length);
  return pagesIn(ROOT)
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((name) => ({ text: title(join(ROOT, `${name}.md`), name), link: `/${name}` }));
}

function reference(): DefaultTheme.SidebarItem[] {
  const dir = join(ROOT, 'reference');
  const items = pagesIn(dir).map((name) => ({
    text: title(join(dir, `${name}.md`), name),
    link: `/reference/${name}`,
  }));
  const packages = pagesIn(join(dir, 'packages')).map((name) => ({
    text: title(join(dir, 'packages', `${name}.md`), name),
    link: `/reference/packages/${name}`,
  }));
  return [...items, { text: 'Packages', items: packages }];
}

export default defineConfig({
  title: 'Staunch',
  description: 'HTTP calls to LLM APIs that survive rate limits and outages.',
  cleanUrls: true,
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }]],
  lastUpdated: false,
  srcExclude: ['snippets/**', 'scripts/**', 'node_modules/**', '**/README.md'],
  // Dead internal links fail the build (VitePress's own check); CI checks the built hrefs again.
  ignoreDeadLinks: false,
  markdown: {
    config(md) {
      // Placeholders such as "Bearer <key>" in hints are text, not tags (Vue would reject them).
      md.core.ruler.push('staunch-placeholders', (state) => {
        for (const token of state.tokens) {
          for (const child of token.children ?? []) {
            const tag = child.type === 'html_inline' ? child.content.match(/^<\/?([A-Za-z][\w-]*)/)?.[1] : undefined;
            if (tag !== undefined && !HTML_TAGS.has(tag.toLowerCase())) child.type = 'text';
          }
        }
      });
      // The guides link bench result files by their repository path (readable on GitHub); on the
      // site those tables live on the bench page.
      md.core.ruler.push('staunch-bench-links', (state) => {
        for (const token of state.tokens) {
          for (const child of token.children ?? []) {
            const href = child.type === 'link_open' ? child.attrGet('href') : null;
            if (href && /^(\.\.\/)+bench\/results\/[\w.-]+\.md$/.test(href)) child.attrSet('href', '/reference/bench');
          }
        }
      });
    },
  },
  themeConfig: {
    search: { provider: 'local' },
    nav: [
      { text: 'Guide', link: '/policies' },
      { text: 'Providers', link: '/providers' },
      { text: 'Reference', link: '/reference/policy' },
      { text: 'Benchmarks', link: '/reference/bench' },
    ],
    sidebar: [
      { text: 'Guide', items: guide() },
      { text: 'Reference', items: reference() },
    ],
    outline: { level: [2, 3] },
  },
});
