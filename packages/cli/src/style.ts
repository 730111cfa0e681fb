import type { CliIo } from './io.js';

export interface Style {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly good: (text: string) => string;
  readonly bad: (text: string) => string;
  readonly warn: (text: string) => string;
}

const plain = (text: string): string => text;
const PLAIN: Style = { bold: plain, dim: plain, good: plain, bad: plain, warn: plain };

/**
 * ANSI colours on a terminal only; plain text when piped, and whenever `NO_COLOR` is set to
 * anything non-empty (no-color.org) or `TERM=dumb`.
 */
export function styleFor(io: CliIo): Style {
  const noColor = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
  if (!io.isTTY || noColor || io.env.TERM === 'dumb') return PLAIN;
  const sgr = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
  return { bold: sgr(1, 22), dim: sgr(2, 22), good: sgr(32, 39), bad: sgr(31, 39), warn: sgr(33, 39) };
}

/** Label-value lines, labels padded to one column. */
export function lines(style: Style, rows: readonly (readonly [string, string] | undefined)[]): string {
  const kept = rows.filter((row): row is readonly [string, string] => row !== undefined);
  const width = Math.max(0, ...kept.map(([label]) => label.length));
  return kept.map(([label, value]) => `${style.bold(label.padEnd(width))}  ${value}\n`).join('');
}
