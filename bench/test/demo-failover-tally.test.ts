import { describe, expect, it } from 'vitest';
import { type DemoRoute, FailoverTally } from '../src/demo-failover-tally.js';

const served = (target: string, before: DemoRoute['outcomes'] = []): DemoRoute => ({
  ok: true,
  target,
  outcomes: [...before, { target, attempts: 1, outcome: 'served', status: 200 }],
});
const failedAtPrimary = { target: 'primary', attempts: 1, outcome: 'overloaded', status: 503 };
const skippedPrimary = { target: 'primary', attempts: 0, outcome: 'skipped' };

describe('FailoverTally', () => {
  it('follows the breaker through opening, a failed probe and a served one', () => {
    const tally = new FailoverTally('primary');
    tally.add(0, served('primary'));
    tally.add(1, served('secondary', [failedAtPrimary]));
    tally.add(1, served('secondary', [skippedPrimary]));
    tally.add(1, served('secondary', [skippedPrimary]));
    tally.add(2, served('secondary', [failedAtPrimary]));
    tally.add(3, served('primary'));
    tally.add(3, served('primary'));
    expect(tally.seconds.map((s) => s.breakerEvents)).toEqual([
      [],
      ['opened'],
      ['probe got 503: open again, twice as long'],
      ['probe served: closed'],
    ]);
    expect(tally.seconds.map((s) => [s.servedByPrimary, s.servedBySecondary, s.skipped])).toEqual([
      [1, 0, 0],
      [0, 3, 2],
      [0, 1, 0],
      [2, 0, 0],
    ]);
  });

  it('counts a call no target served as lost, and sums the seconds', () => {
    const tally = new FailoverTally('primary');
    tally.add(0, { ok: false, target: undefined, outcomes: [failedAtPrimary] });
    tally.add(2, served('primary'));
    const totals = tally.totals();
    expect([totals.calls, totals.lost, totals.servedByPrimary]).toEqual([2, 1, 1]);
    expect(tally.seconds[1]?.calls).toBe(0);
  });
});
