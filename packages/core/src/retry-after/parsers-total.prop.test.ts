import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { parseGoDuration } from './go-duration.js';
import { headersFromRecord } from './headers.js';
import { parseHttpDate } from './http-date.js';
import { parseReset, RESET_FORMATS } from './parse-reset.js';
import { parseRetryAfter, parseRetryAfterMs } from './parse-retry-after.js';
import { serverWait } from './server-wait.js';

// G11: a header parser sees whatever a server (or a proxy) sends. It must never throw, and must
// answer either "not a wait" or a whole, finite, non-negative number of milliseconds.
const RUNS = { numRuns: 10_000 };

/** Arbitrary text, biased towards strings that look almost like valid header values. */
const headerText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: fc.constantFrom(...'0123456789.-+ ,:eEhmsunµμTZGMT'), maxLength: 40 }),
  fc.double().map(String),
  fc.bigInt({ min: -(10n ** 420n), max: 10n ** 420n }).map(String),
  fc.date({ noInvalidDate: true }).map((date) => date.toUTCString()),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
);
/** Any "now", including ones a broken clock might report. */
const nowMs = fc.oneof(fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.double());

function expectWait(value: number | undefined): void {
  if (value === undefined) return;
  expect(Number.isInteger(value)).toBe(true);
  expect(value).toBeGreaterThanOrEqual(0);
}

describe('every header parser is total', () => {
  test.prop([headerText], RUNS)('parseRetryAfterMs', (text) => {
    expectWait(parseRetryAfterMs(text));
  });

  test.prop([headerText, nowMs, fc.option(headerText, { nil: undefined })], RUNS)(
    'parseRetryAfter',
    (text, now, date) => {
      expectWait(parseRetryAfter(text, now, date));
    },
  );

  test.prop([headerText], RUNS)('parseGoDuration', (text) => {
    expectWait(parseGoDuration(text));
  });

  for (const format of RESET_FORMATS) {
    test.prop([headerText, nowMs], RUNS)(`parseReset as ${format}`, (text, now) => {
      expectWait(parseReset(text, format, now));
    });
  }

  test.prop([headerText, nowMs], RUNS)('parseHttpDate answers finite epoch ms or undefined', (text, now) => {
    const at = parseHttpDate(text, now);
    if (at !== undefined) expect(Number.isFinite(at)).toBe(true);
  });

  test.prop(
    [
      fc.dictionary(
        fc.constantFrom('retry-after', 'Retry-After-Ms', 'date', 'x-reset', 'x-remaining', 'other'),
        headerText,
      ),
      nowMs,
    ],
    RUNS,
  )('serverWait', (record, now) => {
    const specs = RESET_FORMATS.map((format) => ({
      unit: 'requests' as const,
      remaining: 'x-remaining',
      reset: 'x-reset',
      resetFormat: format,
    }));
    const wait = serverWait(headersFromRecord(record), specs, now);
    if (wait !== undefined) expectWait(wait.delayMs);
  });
});
