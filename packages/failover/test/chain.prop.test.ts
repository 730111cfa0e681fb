import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { type Answer, BACKUP, fakeChain, OPENAI, settle, THIRD } from './support/fake-chain.js';

const ANSWERS: readonly Answer[] = [
  { status: 200 },
  { status: 400 },
  { status: 401 },
  { status: 429, body: { error: { code: 'insufficient_quota' } } },
  { status: 429 },
  { status: 500 },
  { status: 503 },
  { network: true },
];
const RATE_LIMIT = 4;
const answer = fc.constantFrom(...ANSWERS.keys());
const target = fc.record({
  maxAttempts: fc.integer({ min: 1, max: 4 }),
  script: fc.array(answer, { minLength: 1, maxLength: 6 }),
});
const BASES = [OPENAI, BACKUP, THIRD];

// For arbitrary outcomes at three targets: the call settles once; each target gets no more
// attempts than its policy allows (attemptsBeforeFailover while another target remains after
// it); the targets are visited in chain order, each once; a success is the last answer sent.
describe('the chain, for random target outcomes', () => {
  test.prop([fc.array(target, { minLength: 3, maxLength: 3 }), fc.integer({ min: 1, max: 3 })], { numRuns: 150 })(
    'settles once, within each target attempt limit, in chain order',
    async (targets, onward) => {
      const { clock, sent, call } = fakeChain(
        targets.map((t, i) => ({
          name: `t${i}`,
          baseURL: BASES[i] as string,
          policy: { maxAttempts: t.maxAttempts, backoff: { baseMs: 10, capMs: 100 } },
        })),
        (s) => {
          const index = Number(s.target.slice(1));
          const script = targets[index]?.script ?? [];
          const count = sent.filter((x) => x.target === s.target).length;
          return ANSWERS[script[Math.min(count, script.length) - 1] ?? 0] as Answer;
        },
        { failover: { attemptsBeforeFailover: onward } },
      );
      let settled = 0;
      const result = await settle(
        clock,
        call(`${OPENAI}/chat/completions`, { body: '{"model":"m"}' }).finally(() => {
          settled += 1;
        }),
      );
      expect(settled).toBe(1);
      expect(result.attempts).toBe(sent.length);
      const order = sent.map((s) => Number(s.target.slice(1)));
      expect([...order].sort()).toEqual(order);
      for (let i = 0; i < 3; i++) {
        const count = order.filter((o) => o === i).length;
        const script = targets[i]?.script ?? [];
        // Rate limits keep their retries at a target; other retries stop at attemptsBeforeFailover.
        const rateLimited = script.slice(0, count).includes(RATE_LIMIT);
        const max = targets[i]?.maxAttempts ?? 1;
        expect(count).toBeLessThanOrEqual(i === 2 || rateLimited ? max : Math.min(onward, max));
      }
      if (result.ok) expect(result.value).toMatch(/:2\d\d$/);
    },
  );
});
