/** Fixed decimals, or an en dash for a missing value. */
export function fixed(value: number | undefined, digits = 2): string {
  return value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits);
}

export function ms(value: number | undefined): string {
  return value === undefined ? '–' : String(Math.round(value));
}

export function seconds(valueMs: number | undefined): string {
  return valueMs === undefined ? '–' : (valueMs / 1000).toFixed(2);
}

export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)} %`;
}
