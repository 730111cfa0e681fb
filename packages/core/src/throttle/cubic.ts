/**
 * CUBIC rate growth (RFC 8312 §4.1, as the AWS SDKs' adaptive retry mode applies it to a
 * request rate): after a cut at time 0 from `lastMax`, W(t) = C·(t − K)³ + lastMax with
 * K = ∛(lastMax·(1 − β) / C), so W(0) = β·lastMax, W(K) = lastMax, flat around lastMax (the
 * server's last known capacity) and convex past it (probing for more).
 *
 * Staunch scales C by lastMax (C = c·lastMax): the curve's shape in time is then the same at
 * 5 req/s and at 500 req/s. AWS's absolute C = 0.4 takes 3.7 s to win back a cut at 200 req/s
 * and overshoots at 2 req/s; with `c = 0.4 / lastMax` this function reproduces AWS's values.
 */

const MS_PER_S = 1000;

export interface CubicShape {
  /** Multiplicative decrease: the rate right after a cut is `beta × lastMax`. */
  readonly beta: number;
  /** Growth constant per s³, relative to lastMax. */
  readonly c: number;
}

/** Seconds from a cut until the rate is back at lastMax. */
export function cubicK(shape: CubicShape): number {
  return Math.cbrt((1 - shape.beta) / shape.c);
}

/** The CUBIC rate (same unit as `lastMax`) `sinceCutMs` after a cut from `lastMax`. */
export function cubicRate(lastMax: number, sinceCutMs: number, shape: CubicShape): number {
  const t = Math.max(0, sinceCutMs) / MS_PER_S;
  const offset = t - cubicK(shape);
  return lastMax * (1 + shape.c * offset * offset * offset);
}
