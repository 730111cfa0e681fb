import { type Random, seededRandom } from '@staunch/core';
import type { FaultStep } from '@staunch/testing';

/** The PR-soak mix of reliability.md §9.3, waits shortened so 10 000 calls fit in seconds. */
export type FaultKindInMix = 'ok' | '429' | '429-malformed' | '503' | '500' | 'reset' | 'truncate' | 'slow' | 'hang';

const MIX: readonly (readonly [FaultKindInMix, number])[] = [
  ['429', 0.08],
  ['429-malformed', 0.02],
  ['503', 0.05],
  ['500', 0.05],
  ['reset', 0.02],
  ['truncate', 0.01],
  ['slow', 0.01],
  ['hang', 0.01],
];

export function pickFault(random: Random): FaultKindInMix {
  let r = random();
  for (const [kind, share] of MIX) {
    if (r < share) return kind;
    r -= share;
  }
  return 'ok';
}

/** The server script for one call: the fault first, then a success. */
export function stepsFor(kind: FaultKindInMix, random: Random): FaultStep[] {
  const ok: FaultStep = { status: 200 };
  switch (kind) {
    case '429':
      return [{ status: 429, headers: { 'retry-after-ms': String(Math.floor(random() * 50)) } }, ok];
    case '429-malformed':
      return [
        { status: 429, headers: { 'retry-after': ['1.5', 'soon', '-3', ''][Math.floor(random() * 4)] ?? '' } },
        ok,
      ];
    case '503':
    case '500':
      return [{ status: Number(kind) }, ok];
    case 'reset':
      return [{ fault: 'reset-before-headers' }, ok];
    case 'truncate':
      return [{ fault: 'truncate-body' }, ok];
    case 'slow':
      return [{ delayMs: 300 }, ok];
    case 'hang':
      return [{ fault: 'hang' }, ok];
    default:
      return [ok];
  }
}

export { seededRandom };
