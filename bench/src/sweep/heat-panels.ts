import type { HeatCell, HeatPanel } from './heat-map.js';
import type { CellVerdict } from './judge.js';
import { SWEEP_BURSTS } from './points.js';
import type { SweepGroup } from './sweep-point.js';

/** The heat map's panels: the core grid as rate × burst per hint, every other group as rows × rates. */
export function heatPanels(verdicts: readonly CellVerdict[]): HeatPanel[] {
  const inGroup = (...groups: SweepGroup[]) => verdicts.filter((v) => groups.includes(v.point.group));
  const panels: HeatPanel[] = [];
  const core = inGroup('core');
  for (const hint of unique(core.map((v) => v.point.axes.hint))) {
    const cells = core.filter((v) => v.point.axes.hint === hint);
    const bursts = SWEEP_BURSTS.filter((b) => cells.some((v) => v.point.axes.burst === b));
    panels.push(
      grid(
        `Core grid — token bucket, hint ${hint}: rate × burst`,
        cells,
        (v) => `${v.point.axes.rate} req/s · ${policyOf(v)}`,
        bursts.map((b) => ({ key: b, label: b === 'rate' ? 'burst = rate' : `burst ${b}` })),
        (v) => v.point.axes.burst,
      ),
    );
  }
  const byRate = (title: string, cells: readonly CellVerdict[], row: (v: CellVerdict) => string) => {
    const rates = unique(cells.map((v) => v.point.axes.rate)).sort((a, b) => a - b);
    const columns = rates.map((r) => ({ key: r, label: `${r} req/s` }));
    return grid(title, cells, row, columns, (v) => v.point.axes.rate);
  };
  const sections: [string, SweepGroup[], (v: CellVerdict) => string][] = [
    ['Hint dialects — token bucket, burst 5', ['hint'], (v) => `${v.point.axes.hint} · ${policyOf(v)}`],
    [
      'Limiter kinds (fixed window: 1.5 windows from a boundary; cap: slots ÷ service = rate)',
      ['limiter'],
      (v) => `${v.point.axes.limiter}, ${v.point.axes.hint} · ${policyOf(v)}`,
    ],
    ['Capacity schedules — burst 5, Retry-After', ['schedule'], (v) => `${v.point.axes.schedule} · ${policyOf(v)}`],
    [
      'Run length — burst 5, Retry-After',
      ['short', 'long'],
      (v) => `${v.point.group} (${v.point.axes.requests} requests)`,
    ],
  ];
  for (const [title, groups, row] of sections) {
    const cells = inGroup(...groups);
    if (cells.length > 0) panels.push(byRate(title, cells, row));
  }
  const unlimited = inGroup('unlimited');
  if (unlimited.length > 0) {
    panels.push(
      grid(
        'Unlimited server — throughput ÷ raw fetch',
        unlimited,
        (v) => `${v.point.axes.requests} requests · ${policyOf(v)}`,
        [{ key: 'all', label: 'no limit' }],
        () => 'all',
      ),
    );
  }
  return panels;
}

function grid<K>(
  title: string,
  cells: readonly CellVerdict[],
  rowOf: (v: CellVerdict) => string,
  columns: readonly { key: K; label: string }[],
  columnOf: (v: CellVerdict) => K,
): HeatPanel {
  return {
    title,
    columns: columns.map((c) => c.label),
    rows: unique(cells.map(rowOf)).map((label) => ({
      label,
      cells: columns.map((c) => {
        const verdict = cells.find((v) => rowOf(v) === label && columnOf(v) === c.key);
        return verdict === undefined ? undefined : heatCell(verdict);
      }),
    })),
  };
}

export function heatCell(v: CellVerdict): HeatCell {
  if (v.point.group === 'unlimited') {
    const loss = v.lossVsFetch?.max;
    return {
      value: loss === undefined ? undefined : 1 - loss,
      lines: [loss === undefined ? '–' : `loss ${(loss * 100).toFixed(1)} %`],
      pass: v.pass,
    };
  }
  const ratio = v.vsOracle?.min;
  const share = v.share429?.max;
  return {
    value: ratio,
    lines: [
      ratio === undefined ? '–' : ratio.toFixed(2),
      share === undefined ? '' : `429 ${(share * 100).toFixed(1)} %`,
    ],
    pass: v.pass,
    ...(share !== undefined && { marker: share }),
  };
}

/** `default`, or the preset's name, from labels like `staunch · openai`. */
function policyOf(v: CellVerdict): string {
  return v.label.split(' · ')[1] ?? v.label;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
