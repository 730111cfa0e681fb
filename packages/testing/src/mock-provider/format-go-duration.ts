/**
 * Go's `time.Duration.String()` at millisecond precision, as OpenAI writes its reset headers:
 * `20ms`, `1.146s`, `6m0s`, `1h2m3.5s`. Rounds up, so the hint never promises too early.
 */
export function formatGoDuration(ms: number): string {
  const total = Math.ceil(Math.max(0, ms));
  if (total === 0) return '0s';
  if (total < 1000) return `${total}ms`;
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const seconds = `${(total % 60_000) / 1000}s`;
  if (hours > 0) return `${hours}h${minutes}m${seconds}`;
  if (minutes > 0) return `${minutes}m${seconds}`;
  return seconds;
}
