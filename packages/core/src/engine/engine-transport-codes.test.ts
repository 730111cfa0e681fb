import { describe, expect, test } from 'vitest';
import { abortListeners, harness, settle } from '../../test/support/harness.js';
import { scripted } from '../../test/support/scripted-transport.js';
import { transportCodes } from './transport-codes.js';

/** What fetch throws for a failed connection: a TypeError whose cause carries Node's code. */
function fetchFailure(code: string): TypeError {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
}

describe('transport error codes', () => {
  test('are read from the error and its causes, outermost first, and never throw', () => {
    expect(transportCodes(fetchFailure('ENOTFOUND'))).toEqual(['enotfound']);
    expect(transportCodes(Object.assign(new Error('x'), { code: 'ERR_X', cause: { code: 'ECONNRESET' } }))).toEqual([
      'err_x',
      'econnreset',
    ]);
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('no');
        },
      },
    );
    expect(transportCodes(hostile)).toEqual([]);
    expect(transportCodes('a string')).toEqual([]);
  });

  test("fetch's redirect loop, which has a message and no code, reads as err_too_many_redirects", () => {
    const loop = new TypeError('fetch failed', { cause: new Error('redirect count exceeded') });
    expect(transportCodes(loop)).toEqual(['err_too_many_redirects']);
    expect(transportCodes(new TypeError('fetch failed', { cause: new Error('other socket error') }))).toEqual([]);
  });

  test.each([
    ['ENOTFOUND', 1, false],
    ['ERR_FR_TOO_MANY_REDIRECTS', 1, false],
    ['CERT_HAS_EXPIRED', 1, false],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 1, false],
    ['EAI_AGAIN', 3, true],
    ['ECONNRESET', 3, true],
    ['ECONNREFUSED', 3, true],
  ])('by default %s is attempted %i time(s)', async (code, attempts, eventuallyOk) => {
    const { clock, engine } = harness({ backoff: { baseMs: 1, capMs: 2 } });
    const transport = scripted([{ network: fetchFailure(code) }, { network: fetchFailure(code) }, { status: 200 }]);
    const result = await settle(clock, engine.execute(transport.run));
    expect(transport.calls).toHaveLength(attempts);
    expect(result.ok).toBe(eventuallyOk);
    if (!result.ok) expect(result.error.hint).toMatch(/base URL/);
  });

  test('a policy can name a code of its own', async () => {
    const { clock, engine } = harness({ rules: { 'network:econnrefused': 'fail' } });
    const transport = scripted([{ network: fetchFailure('ECONNREFUSED') }, { status: 200 }]);
    expect((await settle(clock, engine.execute(transport.run))).ok).toBe(false);
    expect(transport.calls).toHaveLength(1);
  });
});

describe('one signal shared by many concurrent calls', () => {
  test('gets no listener from the engine, so Node never warns about listener counts', async () => {
    const { clock, engine } = harness({ backoff: { baseMs: 1000, capMs: 1000 } });
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => {
      warnings.push(warning);
    };
    process.on('warning', onWarning);
    try {
      const controller = new AbortController();
      const calls = Array.from({ length: 50 }, () =>
        engine.execute(scripted([{ status: 503 }, { status: 200 }]).run, { signal: controller.signal }),
      );
      await clock.advance(10);
      expect(abortListeners(controller.signal)).toBe(0);
      await clock.runAll();
      const results = await Promise.all(calls);
      expect(results.every((result) => result.ok)).toBe(true);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
