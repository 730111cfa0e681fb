// Opens the built site's home page and providers page in Debian's chromium (driven by
// playwright-core, no browser download) and fails on any console error, uncaught page error,
// failed request or HTTP error status, or a missing search box. Serves .vitepress/dist itself
// on a loopback port with the site's clean URLs.
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

const DIST = join(import.meta.dirname, '..', '.vitepress', 'dist');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PAGES = ['/', '/providers'];
const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

function fileFor(pathname) {
  const path = normalize(join(DIST, decodeURIComponent(pathname)));
  if (!path.startsWith(DIST)) return undefined;
  for (const candidate of [path, `${path}.html`, join(path, 'index.html')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

const missing = [];
const server = createServer((request, response) => {
  const file = fileFor(new URL(request.url ?? '/', 'http://site').pathname);
  if (file === undefined) {
    missing.push(request.url);
    response.writeHead(404).end('not found');
    return;
  }
  response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(response);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const profile = mkdtempSync(join(tmpdir(), 'staunch-docs-chromium-'));
const problems = [];
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  for (const path of PAGES) {
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`${path}: console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`${path}: uncaught error: ${error.message}`));
    page.on('requestfailed', (request) =>
      problems.push(`${path}: request failed: ${request.url()} (${request.failure()?.errorText})`),
    );
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${path}: HTTP ${response.status()} for ${response.url()}`);
    });
    const response = await page.goto(`${origin}${path}`, { waitUntil: 'networkidle', timeout: 30_000 });
    if (!response?.ok()) problems.push(`${path}: answered ${response?.status()}`);
    // Hydrated: the theme's search button is rendered by Vue, not by the static HTML alone.
    await page
      .waitForSelector('.VPNavBarSearch button', { timeout: 10_000 })
      .catch(() => problems.push(`${path}: no search box`));
    const heading = await page.locator('h1').first().textContent();
    console.log(`browser: ${path} — "${heading?.trim()}"`);
    await page.close();
  }
} finally {
  await context?.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
for (const url of missing) problems.push(`not found: ${url}`);
if (problems.length > 0) {
  console.error(`${problems.length} problem(s) in the browser:`);
  for (const line of problems) console.error(`  ${line}`);
  process.exit(1);
}
console.log(`browser: ${PAGES.join(', ')} opened in chromium with no console errors`);
