import { describe, expect, it } from 'vitest';
import { ensureIdempotencyKey } from './ensure-idempotency-key.js';

describe('ensureIdempotencyKey', () => {
  it('sets a random UUID once, whatever the casing of the name', () => {
    const headers = new Headers();
    ensureIdempotencyKey(headers, 'Idempotency-Key');
    const key = headers.get('idempotency-key');
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    ensureIdempotencyKey(headers, 'idempotency-key');
    expect(headers.get('Idempotency-Key')).toBe(key);
  });

  it("keeps the caller's key and sets nothing when off", () => {
    const own = new Headers({ 'idempotency-key': 'mine-1' });
    ensureIdempotencyKey(own, 'Idempotency-Key');
    expect(own.get('idempotency-key')).toBe('mine-1');
    for (const header of [undefined, false] as const) {
      const none = new Headers();
      ensureIdempotencyKey(none, header);
      expect([...none.keys()]).toEqual([]);
    }
  });

  it('gives each call its own key', () => {
    const [a, b] = [new Headers(), new Headers()];
    ensureIdempotencyKey(a, 'x-key');
    ensureIdempotencyKey(b, 'x-key');
    expect(a.get('x-key')).not.toBe(b.get('x-key'));
  });
});
