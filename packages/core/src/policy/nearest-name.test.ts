import { expect, test } from 'vitest';
import { didYouMean, nearestName } from './nearest-name.js';

const KNOWN = ['policy', 'hosts', 'throttle', 'retryGate', 'maxAttempts', 'typedErrors', 'idempotencyKeyHeader'];

test.each([
  ['polcy', 'policy'], // a deletion
  ['pollicy', 'policy'], // an insertion
  ['polixy', 'policy'], // a substitution
  ['plociy', 'policy'], // a swap of neighbours counts once
  ['host', 'hosts'],
  ['maxattempts', 'maxAttempts'], // case is ignored
  ['retrygates', 'retryGate'],
  ['idempotencyKeyHeadr', 'idempotencyKeyHeader'],
])('%s → %s', (typo, expected) => {
  expect(nearestName(typo, KNOWN)).toBe(expected);
});

test('a name far from every known one has no suggestion', () => {
  expect(nearestName('colour', KNOWN)).toBeUndefined();
  expect(nearestName('x', KNOWN)).toBeUndefined();
  expect(nearestName('', KNOWN)).toBeUndefined();
  expect(nearestName('policy', [])).toBeUndefined();
  // Short names allow one edit only: "tpyo" is two from "typo".
  expect(nearestName('tpoy', ['typo'])).toBeUndefined();
});

test('the closest wins, ties go to the first listed', () => {
  expect(nearestName('cat', ['bat', 'cap'])).toBe('bat');
  expect(nearestName('groq', ['grok', 'groq'])).toBe('groq');
});

test('didYouMean reads as a sentence or is empty', () => {
  expect(didYouMean('polcy', KNOWN)).toBe(' Did you mean `policy`?');
  expect(didYouMean('colour', KNOWN)).toBe('');
});
