import { type Clock, ConfigError, systemClock, type TimerHandle } from '@staunch/core';
import type { ScriptClient } from '../client/script-client.js';
import { runBreakerScript } from './breaker-lua.js';

/** Why a breaker opened, as the failover chain states it (`BreakerCause` of `@staunch/failover`). */
export interface SharedBreakerCause {
  readonly reason: string;
  readonly status?: number | undefined;
  readonly hint?: string | undefined;
  readonly retryAt?: number | undefined;
}

/** What a process heard of a breaker: an opening (until, cause) or a probe's success. */
export type SharedBreakerWord =
  | { readonly untilEpochMs: number; readonly cause: SharedBreakerCause }
  | { readonly closedAtEpochMs: number };

/** A failover chain's `BreakerShare`, kept in Redis. */
export interface RedisBreakerShare {
  opened(id: string, opening: { readonly untilEpochMs: number; readonly cause: SharedBreakerCause }): void;
  closed(id: string, closing: { readonly closedAtEpochMs: number }): void;
  heard(id: string): SharedBreakerWord | undefined;
  /** Claims the probe ending the opening of `id` at `atEpochMs`: `SET NX`, so one process wins it. */
  claimProbe(id: string, atEpochMs: number): void;
  /** Whether this share won that claim; `undefined` until Redis answered (or if it could not). */
  probeClaimed(id: string, atEpochMs: number): boolean | undefined;
  /** Stops following (the poll timer); announcements still go out. */
  close(): void;
}

export interface RedisBreakerShareOptions {
  readonly client: ScriptClient;
  /** Prepended to every key; keys read `${keyPrefix}{staunch:v1:breaker}:${id}`. @default '' */
  readonly keyPrefix?: string;
  /** How often the breakers this process follows are read back, ms. @default 500 */
  readonly pollMs?: number;
  /** @default the system clock (its `wallNow` stamps the words: keep the hosts' clocks in sync) */
  readonly clock?: Clock;
}

/** A breaker not asked about for this long is no longer read back. */
const FOLLOW_MS = 60_000;
/** A probe's success is remembered this long: breakers that opened before it close when they hear it. */
const CLOSED_TTL_MS = 600_000;
/** A probe's claim outlives its opening by this long, in Redis and in the share's memory. */
const CLAIM_TTL_MS = 600_000;

/**
 * Breakers shared through Redis: each opening, probe claim and probe success is written at once
 * (fire-and-forget; a failed write is dropped, the local breaker stands), and the breakers this
 * process routes on are read back every `pollMs` in one round trip, so a routing decision never
 * waits on Redis. A process learns of another's opening within `pollMs`. The keys share one hash
 * slot (the `{…}` tag), so the read is one MGET in a cluster too. Idle, it keeps no timer.
 */
export function createRedisBreakerShare(options: RedisBreakerShareOptions): RedisBreakerShare {
  const { client, keyPrefix = '', pollMs = 500, clock = systemClock } = options;
  if (!Number.isFinite(pollMs) || pollMs < 10 || pollMs > 60_000) {
    throw new ConfigError('pollMs', `expected milliseconds from 10 to 60000, got ${String(pollMs)}.`);
  }
  const keyOf = (id: string) => `${keyPrefix}{staunch:v1:breaker}:${id}`;
  const words = new Map<string, SharedBreakerWord>();
  /** Claims answered: `${id} ${atEpochMs}` → won, with the instant to forget it by. */
  const claims = new Map<string, { readonly won: boolean; readonly at: number }>();
  const claimOf = (id: string, atEpochMs: number) => `${id} ${Math.round(atEpochMs)}`;
  const followed = new Map<string, number>();
  let timer: TimerHandle | undefined;
  let reading = false;

  const send = (id: string, args: readonly string[]) => {
    runBreakerScript(client, [keyOf(id)], args).catch(() => {});
  };
  const poll = (): void => {
    timer = undefined;
    const now = clock.now();
    for (const [id, asked] of followed) if (now - asked > FOLLOW_MS) followed.delete(id);
    if (followed.size === 0) return;
    schedule();
    if (reading) return;
    reading = true;
    const ids = [...followed.keys()];
    runBreakerScript(client, ids.map(keyOf), ['read'])
      .then((values) => {
        if (!Array.isArray(values)) return;
        for (const [index, id] of ids.entries()) heardFromRedis(id, values[index]);
      })
      .catch(() => {})
      .finally(() => {
        reading = false;
      });
  };
  const schedule = (): void => {
    if (timer !== undefined) return;
    timer = clock.setTimeout(poll, pollMs);
    (timer as { unref?: () => void } | undefined)?.unref?.();
  };
  const heardFromRedis = (id: string, value: unknown): void => {
    const word = typeof value === 'string' ? parseWord(value) : undefined;
    if (word === undefined) words.delete(id);
    else words.set(id, word);
  };

  return {
    opened(id, opening) {
      const current = words.get(id);
      if (current === undefined || !('untilEpochMs' in current) || current.untilEpochMs < opening.untilEpochMs) {
        words.set(id, opening);
      }
      const ttl = Math.max(1, Math.ceil(opening.untilEpochMs - clock.wallNow()));
      const value = `o ${Math.round(opening.untilEpochMs)} ${JSON.stringify(opening.cause)}`;
      send(id, ['open', value, String(ttl), String(Math.round(opening.untilEpochMs))]);
    },
    closed(id, closing) {
      words.set(id, closing);
      send(id, ['close', `c ${Math.round(closing.closedAtEpochMs)}`, String(CLOSED_TTL_MS)]);
    },
    claimProbe(id, atEpochMs) {
      const wall = clock.wallNow();
      for (const [key, claim] of claims) if (claim.at + CLAIM_TTL_MS < wall) claims.delete(key);
      const ttl = Math.max(1, Math.ceil(atEpochMs - wall)) + CLAIM_TTL_MS;
      const at = Math.round(atEpochMs);
      runBreakerScript(client, [`${keyOf(id)}:probe:${at}`], ['claim', String(ttl)])
        .then((won) => claims.set(claimOf(id, at), { won: Number(won) === 1, at }))
        .catch(() => {});
    },
    probeClaimed(id, atEpochMs) {
      return claims.get(claimOf(id, atEpochMs))?.won;
    },
    heard(id) {
      followed.set(id, clock.now());
      schedule();
      return words.get(id);
    },
    close() {
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      followed.clear();
    },
  };
}

function parseWord(value: string): SharedBreakerWord | undefined {
  const closing = /^c (\d+)$/.exec(value);
  if (closing) return { closedAtEpochMs: Number(closing[1]) };
  const opening = /^o (\d+) (.*)$/s.exec(value);
  if (!opening) return undefined;
  try {
    const cause = JSON.parse(opening[2] as string) as SharedBreakerCause;
    return typeof cause?.reason === 'string' ? { untilEpochMs: Number(opening[1]), cause } : undefined;
  } catch {
    return undefined;
  }
}
