import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import type { CaseResult } from '../suite/run-suite.js';
import { CHROMIUM } from './binaries.js';

const SUITE_TIMEOUT_MS = 90_000;

const page = (serverUrl: string) => `<!doctype html>
<meta charset="utf-8">
<script type="module">
  import { run } from './suite.mjs';
  run('chromium', ${JSON.stringify(serverUrl)}).then(
    (results) => { window.__staunchResults = results; },
    (error) => { window.__staunchResults = [{ name: 'the suite ran', status: 'failed', detail: String(error) }]; },
  );
</script>`;

/**
 * The suite in a page served from one loopback origin, calling the scripted server on another:
 * every call is cross-origin, so CORS and the preflight are part of what is tested.
 */
export async function runChromium(
  suiteFile: string,
  serverUrl: string,
): Promise<{ version: string; results: CaseResult[] }> {
  const suite = await readFile(suiteFile);
  const origin = createServer((req, res) => {
    if (req.url === '/suite.mjs') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(suite);
    res.writeHead(200, { 'content-type': 'text/html' }).end(page(serverUrl));
  });
  await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  try {
    const tab = await browser.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    await tab.goto(`http://127.0.0.1:${(origin.address() as AddressInfo).port}/`);
    const handle = await tab
      .waitForFunction(() => (globalThis as { __staunchResults?: unknown }).__staunchResults, undefined, {
        timeout: SUITE_TIMEOUT_MS,
        polling: 200,
      })
      .catch((error: unknown) => {
        throw new Error(`${String(error)} ${errors.join('; ')}`);
      });
    return { version: browser.version(), results: (await handle.jsonValue()) as CaseResult[] };
  } finally {
    await browser.close();
    origin.closeAllConnections();
    origin.close();
  }
}
