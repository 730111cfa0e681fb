import { describe, expect, it } from 'vitest';
import { harness, settle } from '../../test/support/harness.js';
import { scripted } from '../../test/support/scripted-transport.js';
import { ConfigError, definePolicy } from '../index.js';

// The seam a chain of targets reads: a rule may say whether the chain moves on after it, and a
// failed call names the rule that classified its last outcome.
describe('the failover flag and the final rule', () => {
  it('a rule keeps failover only when the policy sets it', () => {
    const policy = definePolicy({
      rules: { '400:context_length_exceeded': { action: 'fail', reason: 'context-length', failover: true } },
    });
    expect(policy.rules['400:context_length_exceeded']?.failover).toBe(true);
    expect('failover' in (policy.rules['401'] ?? {})).toBe(false);
  });

  it('a failover flag that is not a boolean fails with the field, the value and the fix', () => {
    expect(() => definePolicy({ rules: { '503': { action: 'retry', failover: 'yes' } } } as never)).toThrow(
      ConfigError,
    );
    expect(() => definePolicy({ rules: { '503': { action: 'retry', failover: 'yes' } } } as never)).toThrow(
      /rules\["503"\]\.failover.*got "yes".*true moves a chain/,
    );
  });

  it('a failed call carries the rule of its last outcome; a success carries none', async () => {
    const { clock, engine } = harness({ rules: { '402': { action: 'fail', reason: 'billing', failover: false } } });
    const failed = await settle(clock, engine.execute(scripted([{ status: 402 }]).run));
    expect(failed.ok ? undefined : failed.rule).toMatchObject({ key: '402', reason: 'billing', failover: false });
    const exhausted = await settle(clock, engine.execute(scripted([{ status: 503 }]).run));
    expect(exhausted.ok ? undefined : exhausted.rule).toMatchObject({ key: '503', action: 'retry' });
    const ok = await settle(clock, engine.execute(scripted([{ status: 200 }]).run));
    expect('rule' in ok).toBe(false);
  });

  it('an aborted call carries no rule', async () => {
    const { clock, engine } = harness();
    const controller = new AbortController();
    controller.abort();
    const result = await settle(clock, engine.execute(scripted([{ status: 503 }]).run, { signal: controller.signal }));
    expect(result.ok).toBe(false);
    expect('rule' in result).toBe(false);
  });
});
