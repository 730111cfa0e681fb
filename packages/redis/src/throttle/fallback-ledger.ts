/**
 * Counts, per scope, the attempts the fail-open throttle granted and that are not yet recorded,
 * so each `record` reaches the throttle that granted it (the seam's `record` carries no ticket:
 * attempts of one scope are interchangeable, so a count is enough).
 */
export class FallbackLedger {
  readonly #open = new Map<string, number>();

  granted(scope: string): void {
    this.#open.set(scope, (this.#open.get(scope) ?? 0) + 1);
  }

  /** True, and one fewer open, when the fallback owes this record. */
  settle(scope: string): boolean {
    const open = this.#open.get(scope) ?? 0;
    if (open === 0) return false;
    if (open === 1) this.#open.delete(scope);
    else this.#open.set(scope, open - 1);
    return true;
  }
}
