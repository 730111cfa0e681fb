import { escapeXml } from '../svg/escape-xml.js';

/** One cell: coloured by `value` (goodput ÷ oracle), with text lines and a 429 marker. */
export interface HeatCell {
  /** What the colour encodes; undefined draws a grey cell. */
  readonly value: number | undefined;
  /** Up to two short lines printed in the cell. */
  readonly lines: readonly string[];
  /** The cell missed a target: drawn with a heavy outline. */
  readonly pass: boolean | undefined;
  /** The 429 share of arrivals; over `markerOver` a black corner marks the cell. */
  readonly marker?: number;
}

export interface HeatRow {
  readonly label: string;
  /** One per column; undefined leaves the column blank for this row. */
  readonly cells: readonly (HeatCell | undefined)[];
}

export interface HeatPanel {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly HeatRow[];
}

export interface HeatMapOptions {
  readonly title: string;
  /** Lines under the title: what the colours and marks mean. */
  readonly notes: readonly string[];
  readonly panels: readonly HeatPanel[];
  /** Threshold of the 429 marker. */
  readonly markerOver: number;
}

const CELL_W = 96;
const CELL_H = 40;
const LABEL_W = 250;
const MARGIN = 20;
const TITLE_H = 30;
const NOTE_H = 16;
const PANEL_GAP = 18;
const PANEL_TITLE_H = 22;
const HEADER_H = 18;
/** Colour stops of goodput ÷ oracle: red at or below 0.5, amber 0.8, pale green 0.95, green at 1 and over. */
const STOPS: readonly (readonly [number, readonly [number, number, number]])[] = [
  [0.5, [215, 48, 39]],
  [0.8, [253, 174, 97]],
  [0.95, [217, 239, 139]],
  [1, [26, 152, 80]],
];
const MISSING = '#dddddd';
/** Wide enough for the title and notes however few columns there are. */
const MIN_WIDTH = 820;
const LEGEND = [0.5, 0.65, 0.8, 0.9, 0.95, 1];
const SWATCH_W = 44;

/** A self-contained SVG heat map, written by hand: panels of labelled rows × columns of coloured cells. */
export function heatMap(options: HeatMapOptions): string {
  const widest = Math.max(1, ...options.panels.map((p) => p.columns.length));
  const width = Math.max(MIN_WIDTH, MARGIN * 2 + LABEL_W + widest * CELL_W);
  const parts: string[] = [];
  let y = MARGIN + TITLE_H;
  parts.push(`<text x="${MARGIN}" y="${MARGIN + 16}" font-size="16">${escapeXml(options.title)}</text>`);
  for (const note of options.notes) {
    parts.push(`<text x="${MARGIN}" y="${y}" fill="#444444">${escapeXml(note)}</text>`);
    y += NOTE_H;
  }
  LEGEND.forEach((value, i) => {
    const x = MARGIN + i * SWATCH_W;
    parts.push(
      `<rect x="${x}" y="${y}" width="${SWATCH_W - 2}" height="14" fill="${colourFor(value)}"/><text x="${x + SWATCH_W / 2 - 1}" y="${y + 26}" text-anchor="middle" fill="#444444">${value}</text>`,
    );
  });
  y += 30;
  for (const panel of options.panels) {
    y += PANEL_GAP;
    parts.push(`<text x="${MARGIN}" y="${y}" font-size="14" font-weight="bold">${escapeXml(panel.title)}</text>`);
    y += PANEL_TITLE_H - 4;
    panel.columns.forEach((column, i) => {
      const x = MARGIN + LABEL_W + i * CELL_W + CELL_W / 2;
      parts.push(`<text x="${x}" y="${y + 12}" text-anchor="middle" fill="#444444">${escapeXml(column)}</text>`);
    });
    y += HEADER_H;
    for (const row of panel.rows) {
      parts.push(
        `<text x="${MARGIN + LABEL_W - 8}" y="${y + CELL_H / 2 + 4}" text-anchor="end">${escapeXml(row.label)}</text>`,
      );
      row.cells.forEach((cell, i) => {
        if (cell !== undefined) parts.push(cellSvg(cell, MARGIN + LABEL_W + i * CELL_W, y, options.markerOver));
      });
      y += CELL_H;
    }
  }
  const height = y + MARGIN;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}

function cellSvg(cell: HeatCell, x: number, y: number, markerOver: number): string {
  const fill = cell.value === undefined ? MISSING : colourFor(cell.value);
  const outline = cell.pass === false ? 'stroke="#000000" stroke-width="2.5"' : 'stroke="#ffffff" stroke-width="1"';
  const parts = [
    `<rect x="${x + 1}" y="${y + 1}" width="${CELL_W - 2}" height="${CELL_H - 2}" fill="${fill}" ${outline}/>`,
  ];
  cell.lines.slice(0, 2).forEach((line, i) => {
    const ly = y + (cell.lines.length === 1 ? CELL_H / 2 + 4 : 16 + i * 14);
    parts.push(`<text x="${x + CELL_W / 2}" y="${ly}" text-anchor="middle">${escapeXml(line)}</text>`);
  });
  if (cell.marker !== undefined && cell.marker > markerOver) {
    const right = x + CELL_W - 2;
    parts.push(`<path d="M${right - 12} ${y + 2}H${right}V${y + 14}Z" fill="#000000"/>`);
  }
  return parts.join('');
}

/** Piecewise-linear through {@link STOPS}, clamped at both ends. */
export function colourFor(value: number): string {
  const first = STOPS[0];
  const last = STOPS[STOPS.length - 1];
  if (first === undefined || last === undefined) return MISSING;
  if (value <= first[0]) return hex(first[1]);
  for (let i = 1; i < STOPS.length; i++) {
    const [hi, hiRgb] = STOPS[i] ?? last;
    const [lo, loRgb] = STOPS[i - 1] ?? first;
    if (value <= hi) {
      const t = (value - lo) / (hi - lo);
      return hex(
        [0, 1, 2].map((c) => (loRgb[c] ?? 0) + t * ((hiRgb[c] ?? 0) - (loRgb[c] ?? 0))) as [number, number, number],
      );
    }
  }
  return hex(last[1]);
}

function hex(rgb: readonly number[]): string {
  return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}
