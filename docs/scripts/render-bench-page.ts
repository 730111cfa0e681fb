import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The bench page: every committed result table from bench/results, with its SVG charts.
const RESULTS = join(import.meta.dirname, '..', '..', 'bench', 'results');
/** From docs/reference/, where the page is written. */
const FROM_PAGE = '../../bench/results';

export function renderBenchPage(): string {
  const out = [
    '# Benchmarks',
    '',
    '<!-- Generated from bench/results by docs/scripts/generate-site.ts. -->',
    '',
    'Measured with `pnpm bench` (the arena), `pnpm bench:sweep` and the soak; each section is a committed',
    'result file from `bench/results/`, charts included. Goodput is a ratio to what the server could serve,',
    'so it compares across machines; latencies depend on the machine named in each file.',
    '',
  ];
  if (!existsSync(RESULTS)) return out.join('\n');
  for (const file of readdirSync(RESULTS)
    .filter((name) => name.endsWith('.md'))
    .sort()) {
    out.push(...section(readFileSync(join(RESULTS, file), 'utf8')), '');
  }
  return out.join('\n');
}

/** A result file one heading level down, its relative images and links pointed at bench/results. */
function section(text: string): string[] {
  let fenced = false;
  return text.split('\n').map((line) => {
    if (line.startsWith('```')) fenced = !fenced;
    if (fenced) return line;
    const demoted = /^#{1,5} /.test(line) ? `#${line}` : line;
    // A chart the result file names but the repository lacks (written by a longer run) is noted, not linked.
    return demoted.replace(
      /(!?\[([^\]]*)\]\()(?!https?:|\/|#)([^)\s]+\.svg)\)/g,
      (_, open: string, alt: string, file: string) =>
        existsSync(join(RESULTS, file)) ? `${open}${FROM_PAGE}/${file})` : `*(chart not committed: ${alt || file})*`,
    );
  });
}
