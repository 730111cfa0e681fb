/** Epoch milliseconds for span start and end times. */
export type SpanClock = () => number;

/**
 * One clock for every span Staunch opens: the SDK anchors each span it times itself on
 * Date.now() (whole milliseconds) at its start, so a child ended by the SDK's clock could end up
 * to 1 ms after its parent. Epoch milliseconds from one anchor keep attempts inside their call
 * and calls inside their route.
 */
export function createSpanClock(): SpanClock {
  const anchor = Date.now() - performance.now();
  return () => anchor + performance.now();
}
