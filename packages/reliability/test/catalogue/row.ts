import type { PolicyInput } from '@staunch/core';
import type { FaultStep, RawStep } from '@staunch/testing';
import type { Servers } from './run-case.js';
import type { Send } from './send.js';

export type AdapterName = 'fetch' | 'ky' | 'axios';
export const ADAPTER_NAMES: readonly AdapterName[] = ['fetch', 'ky', 'axios'];

/** How a request body is given (§9.2 group E). */
export type BodyKind =
  | 'none'
  | 'json'
  | 'stream'
  | 'async-iterator'
  | 'blob'
  | 'form-data'
  | 'url-search-params'
  | 'bytes'
  | 'used-request'
  | 'big-json';

/** Where the request goes. */
export type Target = 'fault' | 'raw' | 'closed-port' | 'silent' | 'dns-failure';

/** What one adapter must see: server arrivals (exact or a range) and the outcome, in {@link describeOutcome} form. */
export interface Expectation {
  readonly arrivals: number | readonly [number, number];
  readonly outcome: string | readonly string[];
}

/** What a case saw: server arrivals and one outcome per call (see outcome.ts). */
export interface Seen {
  readonly arrivals: number;
  readonly outcomes: readonly string[];
  readonly sameBody?: boolean;
}

/** What a case with its own `run` gets: the adapter, a script id of its own, the servers, and `send`. */
export interface CaseContext {
  readonly adapter: AdapterName;
  /** Unique to this row, case and adapter: use it as the fault or raw server script id. */
  readonly id: string;
  readonly servers: Servers;
  /** Sends one request through `adapter` as table cases do (typed errors on), resolving its outcome string. */
  readonly send: (request: Send) => Promise<string>;
}

/** One request of a row, sent the same way through each adapter. */
export interface Case {
  readonly name: string;
  /**
   * A case that needs more than one scripted request (a second server, a child process, global
   * state): it drives the adapter itself and reports what it saw, compared with `expect` as usual.
   * The fields below that describe the request are then ignored.
   */
  readonly run?: (context: CaseContext) => Promise<Seen>;
  readonly target?: Target;
  readonly steps?: FaultStep[];
  readonly raw?: RawStep[];
  /** @default a 1–5 ms backoff on the default policy */
  readonly policy?: PolicyInput;
  readonly body?: BodyKind;
  /** Abort: before the call, with `AbortSignal.timeout(1)`, through `AbortSignal.any`, or this many ms in. */
  readonly abort?: 'before' | 'timeout-1' | 'any' | number;
  /** Identical calls sent at once; each must end as expected, arrivals are summed. @default 1 */
  readonly concurrency?: number;
  /** Every arrival carried the same body bytes (server-side SHA-256). */
  readonly sameBody?: boolean;
  /** Engine defaults (adaptive throttle, outage gate) instead of both off. @default false */
  readonly defaults?: boolean;
  readonly expect: Expectation | ({ readonly all?: Expectation } & Partial<Record<AdapterName, Expectation>>);
}

/** One item of the fault catalogue (reliability.md §9.2). */
export interface Row {
  /** `A1` … `J58`. */
  readonly id: string;
  readonly title: string;
  readonly cases?: readonly Case[];
  /** Why the row cannot run here: for every adapter, or per adapter. */
  readonly notApplicable?: string | Partial<Record<AdapterName, string>>;
  /** The row is adapter-independent and tested elsewhere: the test file. */
  readonly coveredBy?: string;
  /** A known gap: what the row shows instead of the goal, and where it is tracked. */
  readonly gap?: string;
  /**
   * The row changes process-wide state (timers, `Date.now`, the event loop) or needs the machine
   * to itself: it runs after the concurrent rows, one adapter at a time, its cases one by one.
   */
  readonly serial?: boolean;
}

export function expectationFor(item: Case, adapter: AdapterName): Expectation {
  const expect = item.expect;
  if ('arrivals' in expect) return expect;
  const chosen = expect[adapter] ?? expect.all;
  if (chosen === undefined) throw new Error(`case "${item.name}" has no expectation for ${adapter}`);
  return chosen;
}

export function reasonNotApplicable(row: Row, adapter: AdapterName): string | undefined {
  if (row.notApplicable === undefined) return row.coveredBy === undefined ? undefined : `covered by ${row.coveredBy}`;
  return typeof row.notApplicable === 'string' ? row.notApplicable : row.notApplicable[adapter];
}
