/**
 * The largest wait any parser reports, in ms (about 285,000 years). Larger or infinite values
 * are clamped here so callers only ever see finite integers; the policy then fails them fast.
 */
export const MAX_PARSED_MS = Number.MAX_SAFE_INTEGER;

const DECIMAL = /^\d+(?:\.\d+)?$/;

/** A plain non-negative decimal (`12`, `0.05`); rejects `1e3`, `+3`, `-3`, `30s`, `0x10`, ``. */
export function parseDecimal(text: string): number | undefined {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : MAX_PARSED_MS;
}

/** Rounds a millisecond amount up and keeps it in [0, MAX_PARSED_MS]. */
export function toWaitMs(ms: number): number {
  if (Number.isNaN(ms) || ms <= 0) return 0;
  if (ms >= MAX_PARSED_MS) return MAX_PARSED_MS;
  // Decimal fractions are inexact in binary (2.007 × 1000 = 2007.0000000000002): snap such
  // noise to the whole number so that rounding up does not add a spurious millisecond.
  const nearest = Math.round(ms);
  return Math.abs(ms - nearest) <= ms * 1e-12 ? nearest : Math.ceil(ms);
}

/**
 * Splits a header value that may hold duplicated lines joined by ", " into its parts.
 * Dates contain a comma themselves, so callers try the whole value first.
 */
export function listParts(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}
