import { escapeXml } from './escape-xml.js';
import { niceTicks } from './nice-ticks.js';

export interface ChartSeries {
  readonly name: string;
  readonly points: readonly { readonly t: number; readonly value: number }[];
}

export interface LineChartOptions {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly ChartSeries[];
  /** A dashed horizontal line, e.g. the server's limit. */
  readonly reference?: { readonly value: number; readonly label: string };
}

const WIDTH = 860;
const HEIGHT = 420;
const MARGIN = { top: 40, right: 170, bottom: 50, left: 60 };
// Okabe–Ito, readable for colour-blind readers; then greys.
const COLOURS = ['#000000', '#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#999999'];

/** A self-contained SVG line chart, written by hand: axes with round ticks, one polyline per series, a legend. */
export function lineChart(options: LineChartOptions): string {
  const all = options.series.flatMap((s) => s.points);
  const xTicks = niceTicks(Math.max(1, ...all.map((p) => p.t)));
  const yTicks = niceTicks(Math.max(1, options.reference?.value ?? 0, ...all.map((p) => p.value)));
  const xMax = xTicks.at(-1) ?? 1;
  const yMax = yTicks.at(-1) ?? 1;
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (t: number) => round(MARGIN.left + (t / xMax) * plotW);
  const y = (v: number) => round(MARGIN.top + plotH - (v / yMax) * plotH);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${MARGIN.left}" y="22" font-size="15">${escapeXml(options.title)}</text>`,
    ...xTicks.map(
      (t) =>
        `<line x1="${x(t)}" y1="${MARGIN.top}" x2="${x(t)}" y2="${MARGIN.top + plotH}" stroke="#eeeeee"/><text x="${x(t)}" y="${MARGIN.top + plotH + 16}" text-anchor="middle">${t}</text>`,
    ),
    ...yTicks.map(
      (v) =>
        `<line x1="${MARGIN.left}" y1="${y(v)}" x2="${MARGIN.left + plotW}" y2="${y(v)}" stroke="#eeeeee"/><text x="${MARGIN.left - 6}" y="${y(v) + 4}" text-anchor="end">${v}</text>`,
    ),
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#333333"/>`,
    `<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 10}" text-anchor="middle">${escapeXml(options.xLabel)}</text>`,
    `<text transform="translate(16 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(options.yLabel)}</text>`,
  ];
  if (options.reference !== undefined) {
    const ry = y(options.reference.value);
    parts.push(
      `<line x1="${MARGIN.left}" y1="${ry}" x2="${MARGIN.left + plotW}" y2="${ry}" stroke="#444444" stroke-dasharray="6 4"/>`,
      `<text x="${MARGIN.left + plotW - 4}" y="${ry - 5}" text-anchor="end" fill="#444444">${escapeXml(options.reference.label)}</text>`,
    );
  }
  options.series.forEach((series, i) => {
    const colour = COLOURS[i % COLOURS.length] ?? '#000000';
    const points = series.points.map((p) => `${x(p.t)},${y(p.value)}`).join(' ');
    if (points.length > 0)
      parts.push(`<polyline points="${points}" fill="none" stroke="${colour}" stroke-width="1.6"/>`);
    const ly = MARGIN.top + 10 + i * 18;
    const lx = MARGIN.left + plotW + 14;
    parts.push(
      `<line x1="${lx}" y1="${ly}" x2="${lx + 20}" y2="${ly}" stroke="${colour}" stroke-width="3"/>`,
      `<text x="${lx + 26}" y="${ly + 4}">${escapeXml(series.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
