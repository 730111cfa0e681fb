import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { run } from '../src/index.js';
import { fakeIo, fixture } from './support/fake-io.js';

// Every `$ staunch …` example in docs/cli.md, run as written: its output must be what the page
// shows, line for line (an `…` in the page stands for any text). The files the examples name are
// fixtures; a `curl … |` before the command is the fixture on stdin.
const page = readFileSync(new URL('../../../docs/cli.md', import.meta.url), 'utf8');
const FILES: Record<string, string> = { 'response.txt': 'openai-429.txt', 'policy.json': 'docs-policy.json' };

interface Example {
  readonly command: string;
  readonly shown: readonly string[];
}

function examples(): Example[] {
  const found: Example[] = [];
  for (const [, block] of page.matchAll(/```text\n([\s\S]*?)```/g)) {
    for (const chunk of (block as string).split(/^(?=\$ )/m)) {
      const [first, ...rest] = chunk.trimEnd().split('\n');
      if (first?.startsWith('$ ') && first.includes('staunch ')) found.push({ command: first.slice(2), shown: rest });
    }
  }
  return found;
}

function argvOf(command: string): { argv: string[]; stdin: string | undefined } {
  const piped = command.includes('|');
  const words = (piped ? command.slice(command.lastIndexOf('|') + 1) : command).trim().split(/\s+/).slice(1);
  const argv = words.filter((word) => word !== '<').map((word) => (FILES[word] ? fixture(FILES[word]) : word));
  return { argv, stdin: piped ? readFileSync(fixture('openai-429.txt'), 'utf8') : undefined };
}

/** A shown line matches when its `…`-separated parts appear in the output line in order, the first opening it and the last closing it. */
function matches(shown: string, actual: string): boolean {
  const parts = shown.split('…');
  const last = parts.pop() as string;
  let at = 0;
  for (const [index, part] of parts.entries()) {
    const found = actual.indexOf(part, at);
    if (found === -1 || (index === 0 && found !== 0)) return false;
    at = found + part.length;
  }
  return parts.length === 0 ? actual === last : actual.endsWith(last) && actual.length - last.length >= at;
}

describe('docs/cli.md examples', () => {
  const all = examples();
  it('the page has its examples', () => expect(all.length).toBeGreaterThanOrEqual(5));
  it.each(all.map((example) => [example.command, example] as const))('%s', async (_command, example) => {
    const { argv, stdin } = argvOf(example.command);
    const io = fakeIo(stdin === undefined ? {} : { stdin });
    await run(argv, io);
    const lines = io
      .out()
      .trimEnd()
      .split('\n')
      .map((line) => line.replaceAll(fixture(FILES['policy.json'] as string), 'policy.json'));
    const mismatched = example.shown.flatMap((shown, index) =>
      matches(shown, lines[index] ?? '') ? [] : [{ shown, actual: lines[index] ?? '(none)' }],
    );
    expect(mismatched).toEqual([]);
    expect(lines).toHaveLength(example.shown.length);
  });
});
