import { brandGuard, StaunchError, type StaunchErrorContext } from '@staunch/core';
import type { TargetOutcome } from './route-report.js';

/** Every target of the chain failed, or was skipped: `outcomes` lists each, with its hint. */
export class FailoverError extends StaunchError {
  readonly outcomes: readonly TargetOutcome[];

  constructor(outcomes: readonly TargetOutcome[], context: StaunchErrorContext) {
    super('StaunchFailoverError', `Every target failed: ${outcomes.map(describe).join('; ')}.`, context);
    this.outcomes = Object.freeze([...outcomes]);
  }
}
export const isFailoverError = brandGuard<FailoverError>('StaunchFailoverError');

function describe(outcome: TargetOutcome): string {
  const where = outcome.key === undefined ? outcome.target : `${outcome.target} key ${outcome.key}`;
  const what =
    outcome.outcome === 'skipped'
      ? 'skipped, its breaker is open'
      : `${outcome.status === undefined ? '' : `HTTP ${outcome.status}${outcome.code ? ` ${outcome.code}` : ''} `}(${outcome.outcome}) after ${outcome.attempts} attempt(s)`;
  const until = outcome.retryAt === undefined ? '' : ` until ${new Date(outcome.retryAt).toISOString()}`;
  return `${where}: ${what}${until}${outcome.hint === undefined ? '' : ` — ${outcome.hint}`}`;
}
