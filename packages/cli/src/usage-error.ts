/** A command used wrongly (exit 2): missing or malformed arguments, an unknown preset, an unreadable file. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The exit codes, as shells and CI read them. */
export const EXIT_OK = 0;
/** The command ran and found something wrong: an invalid policy, no rate-limit headers. */
export const EXIT_FINDING = 1;
export const EXIT_USAGE = 2;
