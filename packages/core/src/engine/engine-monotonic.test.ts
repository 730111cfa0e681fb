import { expect, test } from 'vitest';
import { harness, settle } from '../../test/support/harness.js';
import { scripted } from '../../test/support/scripted-transport.js';

// G17: deadlines, backoff and waits run on the monotonic clock. A wall-clock jump mid-call
// (NTP step, a suspended laptop) changes no delay and no decision.
test.each([3_600_000, -3_600_000])('a wall-clock jump of %i ms mid-call changes no delay', async (jump) => {
  const steps = [{ status: 503 }, { status: 503 }, { status: 503 }, { status: 200 }] as const;
  const run = async (jumpWall: boolean): Promise<readonly number[]> => {
    const { clock, engine } = harness({ timeoutMs: 60_000 }, 7);
    const delays: number[] = [];
    engine.onRetry((event) => {
      delays.push(event.delayMs);
      if (jumpWall) clock.jumpWall(jump);
    });
    const result = await settle(clock, engine.execute(scripted([...steps]).run));
    expect(result.ok).toBe(true);
    return delays;
  };
  expect(await run(true)).toEqual(await run(false));
});

test('a Retry-After date is measured against the server Date header, not the local clock', async () => {
  const { clock, engine } = harness({}, 7);
  clock.jumpWall(-3_600_000); // the local wall clock is an hour behind the server
  const date = new Date(Date.UTC(2026, 0, 1, 12)).toUTCString();
  const later = new Date(Date.UTC(2026, 0, 1, 12, 0, 3)).toUTCString();
  const delays: number[] = [];
  engine.onRetry((event) => delays.push(event.delayMs));
  const transport = scripted([{ status: 503, headers: { date, 'retry-after': later } }, { status: 200 }]);
  await settle(clock, engine.execute(transport.run));
  expect(delays[0]).toBeGreaterThanOrEqual(3000);
  expect(delays[0]).toBeLessThan(4100);
});
