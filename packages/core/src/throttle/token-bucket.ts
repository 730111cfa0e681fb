/**
 * One token-bucket dimension as plain numbers: `level` refills at `ratePerS` per second up to
 * `burst`. A rate of 0 means "not limited in this dimension" (JSON- and Lua-friendly, unlike
 * Infinity). Pure functions; the Redis script mirrors them line for line.
 */

/** Float slack so a timer that fires on time never finds 0.9999999 of a token. */
export const LEVEL_EPSILON = 1e-9;
const MS_PER_S = 1000;

/** The level after `elapsedMs` of refill (no change while unlimited). */
export function refillLevel(level: number, burst: number, ratePerS: number, elapsedMs: number): number {
  if (ratePerS <= 0) return level;
  return Math.min(burst, level + (ratePerS * Math.max(0, elapsedMs)) / MS_PER_S);
}

/** Milliseconds until `level` reaches `need` at `ratePerS`; 0 when it already has. */
export function msUntilLevel(level: number, need: number, ratePerS: number): number {
  if (ratePerS <= 0 || level + LEVEL_EPSILON >= need) return 0;
  return ((need - level) * MS_PER_S) / ratePerS;
}
