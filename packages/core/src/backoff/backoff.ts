import type { Random } from '../runtime/random.js';

/** How the computed (not server-given) delay between attempts grows and spreads. */
export interface BackoffOptions {
  /**
   * `full`: uniform in [0, d]; `equal`: d/2 + uniform in [0, d/2]; `decorrelated`:
   * uniform in [base, 3 × previous], capped; `none`: exactly d. Where d = min(cap, base × 2^n).
   * Source: Brooker, "Exponential Backoff And Jitter" (AWS Architecture Blog, 2015).
   * @default 'full'
   */
  readonly jitter: JitterMode;
  /** The first step, in ms. @default 500 */
  readonly baseMs: number;
  /** No computed delay exceeds this, in ms. @default 20000 */
  readonly capMs: number;
}

export type JitterMode = 'full' | 'equal' | 'decorrelated' | 'none';
export const JITTER_MODES: readonly JitterMode[] = ['full', 'equal', 'decorrelated', 'none'];

export const DEFAULT_BACKOFF_BASE_MS = 500;
export const DEFAULT_BACKOFF_CAP_MS = 20_000;
export const DEFAULT_BACKOFF: BackoffOptions = Object.freeze({
  jitter: 'full',
  baseMs: DEFAULT_BACKOFF_BASE_MS,
  capMs: DEFAULT_BACKOFF_CAP_MS,
});

/**
 * The delay before retry number `retry` (0 for the first retry), an integer in [0, capMs].
 * `previousMs` is the last delay actually slept (decorrelated jitter feeds on it).
 */
export function backoffDelay(options: BackoffOptions, retry: number, random: Random, previousMs = 0): number {
  const { baseMs, capMs } = options;
  // 2^n overflows to Infinity past n ≈ 1023; min() keeps it finite.
  // A NaN retry number would make every delay NaN; treat it as the first retry.
  const exponent = Number.isNaN(retry) ? 0 : Math.min(retry, 1000);
  const ceiling = Math.min(capMs, baseMs * 2 ** exponent);
  const r = clampUnit(random());
  let delay: number;
  switch (options.jitter) {
    case 'none':
      delay = ceiling;
      break;
    case 'equal':
      delay = ceiling / 2 + r * (ceiling / 2);
      break;
    case 'decorrelated': {
      const upper = Math.max(baseMs, 3 * Math.max(previousMs, baseMs));
      delay = Math.min(capMs, baseMs + r * (upper - baseMs));
      break;
    }
    default:
      delay = r * ceiling;
  }
  return Math.min(capMs, Math.max(0, Math.floor(delay)));
}

/** A misbehaving random source must not produce NaN or out-of-range delays. */
function clampUnit(value: number): number {
  if (!(value >= 0)) return 0;
  return value >= 1 ? 1 - Number.EPSILON : value;
}
