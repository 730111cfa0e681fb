import { ConfigError } from '../errors/config-error.js';
import type { RuleKey } from './rule-key.js';

/**
 * Two status rules with the same code condition that share statuses must nest (the narrower
 * wins, as "520-524" inside "5xx"); a partial overlap ("500-520" and "510-530") has no
 * most-specific rule, so it is rejected.
 */
export function rejectPartialOverlaps(keys: ReadonlyArray<[string, RuleKey]>): void {
  const ranges = keys.filter((entry): entry is [string, Extract<RuleKey, { kind: 'status' }>] => {
    const key = entry[1];
    return key.kind === 'status' && !key.exact;
  });
  for (let i = 0; i < ranges.length; i++) {
    for (let j = i + 1; j < ranges.length; j++) {
      const [nameA, a] = ranges[i] as [string, Extract<RuleKey, { kind: 'status' }>];
      const [nameB, b] = ranges[j] as [string, Extract<RuleKey, { kind: 'status' }>];
      if (a.code !== b.code) continue;
      const intersect = a.from <= b.to && b.from <= a.to;
      const nested = (a.from <= b.from && b.to <= a.to) || (b.from <= a.from && a.to <= b.to);
      const same = a.from === b.from && a.to === b.to;
      if (intersect && (!nested || same)) {
        throw new ConfigError(
          `rules[${JSON.stringify(nameB)}]`,
          `overlaps rules[${JSON.stringify(nameA)}] without either containing the other, so no rule is the most specific: split the ranges so they nest or do not touch.`,
        );
      }
    }
  }
}
