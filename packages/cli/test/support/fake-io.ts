import { readFile } from 'node:fs/promises';
import type { CliIo } from '../../src/index.js';

export interface FakeIo extends CliIo {
  readonly out: () => string;
  readonly err: () => string;
}

/** Captures output; files are read for real (the fixtures), stdin is the given text. */
export function fakeIo(options: { stdin?: string; isTTY?: boolean; env?: Record<string, string> } = {}): FakeIo {
  let out = '';
  let err = '';
  return {
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    readStdin: async () => options.stdin ?? '',
    readFile: (path) => readFile(path, 'utf8'),
    isTTY: options.isTTY ?? false,
    env: options.env ?? {},
    now: () => Date.parse('2026-12-03T13:40:00Z'),
    out: () => out,
    err: () => err,
  };
}

export const fixture = (name: string): string => new URL(`../fixtures/${name}`, import.meta.url).pathname;
