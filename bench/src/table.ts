/**
 * Renders rows as an aligned plain-text table for terminals and CI logs. A cell longer than its
 * column's maximum width wraps onto continuation lines instead of being cut.
 */
export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  maxWidths: readonly number[] = [],
): string {
  const wrapped = rows.map((row) => row.map((cell, i) => wrap(cell, maxWidths[i])));
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...wrapped.flatMap((row) => (row[i] ?? []).map((line) => line.length))),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const body = wrapped.flatMap((row) => {
    const height = Math.max(...row.map((lines) => lines.length));
    return Array.from({ length: height }, (_, k) => line(row.map((lines) => lines[k] ?? '')));
  });
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...body].join('\n');
}

function wrap(text: string, max: number | undefined): string[] {
  if (max === undefined || text.length <= max) return [text];
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    if (current.length > 0 && current.length + 1 + word.length > max) {
      lines.push(current);
      current = word;
    } else {
      current = current.length > 0 ? `${current} ${word}` : word;
    }
  }
  if (current.length > 0) lines.push(current);
  return lines;
}
