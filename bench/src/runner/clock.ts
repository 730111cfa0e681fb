/** Milliseconds on a clock that every process on the machine shares (epoch-based, sub-ms precision). */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}
