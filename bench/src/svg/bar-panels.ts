import { escapeXml } from './escape-xml.js';
import { niceTicks } from './nice-ticks.js';

/** One panel: a measure with its own scale, one bar per contender. */
export interface BarPanel {
  readonly title: string;
  readonly unit: string;
  readonly bars: readonly { readonly name: string; readonly value: number }[];
}

const PANEL_W = 170;
const HEIGHT = 320;
const TOP = 70;
const BOTTOM = 60;
const LEFT = 44;
// Okabe–Ito, as the line chart uses.
const COLOURS = ['#000000', '#E69F00', '#56B4E9', '#009E73'];

/**
 * Side-by-side bar panels, each with its own y scale (a share, a count and a latency do not share
 * an axis), written by hand like the line chart.
 */
export function barPanels(title: string, panels: readonly BarPanel[]): string {
  const width = LEFT + panels.length * PANEL_W;
  const plotH = HEIGHT - TOP - BOTTOM;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${HEIGHT}" viewBox="0 0 ${width} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${LEFT}" y="22" font-size="15">${escapeXml(title)}</text>`,
  ];
  const names = [...new Set(panels.flatMap((p) => p.bars.map((b) => b.name)))];
  names.forEach((name, i) => {
    const lx = LEFT + i * 140;
    parts.push(
      `<rect x="${lx}" y="34" width="14" height="10" fill="${COLOURS[i % COLOURS.length]}"/>`,
      `<text x="${lx + 20}" y="43">${escapeXml(name)}</text>`,
    );
  });
  panels.forEach((panel, p) => {
    const x0 = LEFT + p * PANEL_W;
    const ticks = niceTicks(Math.max(0, ...panel.bars.map((b) => b.value)), 4);
    const yMax = ticks.at(-1) ?? 1;
    const y = (v: number) => round(TOP + plotH - (v / yMax) * plotH);
    for (const t of ticks)
      parts.push(
        `<line x1="${x0}" y1="${y(t)}" x2="${x0 + PANEL_W - 30}" y2="${y(t)}" stroke="#eeeeee"/><text x="${x0 - 4}" y="${y(t) + 4}" text-anchor="end" font-size="10">${t}</text>`,
      );
    const barW = (PANEL_W - 50) / Math.max(1, panel.bars.length);
    panel.bars.forEach((bar, b) => {
      const colour = COLOURS[Math.max(0, names.indexOf(bar.name)) % COLOURS.length];
      const bx = round(x0 + 10 + b * barW);
      const top = y(bar.value);
      parts.push(
        `<rect x="${bx}" y="${top}" width="${round(barW - 6)}" height="${round(TOP + plotH - top)}" fill="${colour}"/>`,
        `<text x="${round(bx + (barW - 6) / 2)}" y="${top - 4}" text-anchor="middle" font-size="11">${escapeXml(label(bar.value))}</text>`,
      );
    });
    parts.push(
      `<line x1="${x0}" y1="${TOP + plotH}" x2="${x0 + PANEL_W - 30}" y2="${TOP + plotH}" stroke="#333333"/>`,
      `<text x="${x0 + (PANEL_W - 30) / 2}" y="${HEIGHT - BOTTOM + 18}" text-anchor="middle">${escapeXml(panel.title)}</text>`,
      `<text x="${x0 + (PANEL_W - 30) / 2}" y="${HEIGHT - BOTTOM + 34}" text-anchor="middle" fill="#555555">${escapeXml(panel.unit)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function label(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toPrecision(3);
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
