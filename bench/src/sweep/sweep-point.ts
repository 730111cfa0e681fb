import type { HintStyle, LimiterKind } from '@staunch/testing';
import type { Scenario } from '../scenarios/scenario.js';

/** Which part of the sweep a point belongs to; each has its own panel in the heat map. */
export type SweepGroup = 'core' | 'hint' | 'limiter' | 'schedule' | 'short' | 'long' | 'unlimited';

export const SWEEP_GROUPS: readonly SweepGroup[] = [
  'core',
  'hint',
  'limiter',
  'schedule',
  'short',
  'long',
  'unlimited',
];

/** What happens to capacity during the run. */
export type ScheduleKind = 'steady' | 'drop' | 'rise' | 'outage';

/** Where a point sits on every axis. */
export interface SweepAxes {
  /** The server's sustained requests/s (nominal for a concurrency cap: slots ÷ mean service time). */
  readonly rate: number;
  /** The request bucket's size; `rate` when it is one second's worth. */
  readonly burst: number | 'rate';
  readonly hint: HintStyle;
  readonly limiter: LimiterKind;
  readonly schedule: ScheduleKind;
  readonly requests: number;
}

/** A client of a point: the subject (Staunch under one policy), the oracle, or raw fetch. */
export interface SweepContender {
  /** As the report names it: `staunch · openai`, `staunch · default`, `bottleneck-oracle`, `fetch`. */
  readonly label: string;
  /** Its name in the arena's client registry. */
  readonly client: string;
  /** The policy Staunch is built with. */
  readonly policy?: string;
  readonly role: 'subject' | 'oracle' | 'baseline';
}

export interface SweepPoint {
  /** Unique and readable, e.g. `core r25 b5 retry-after`. */
  readonly id: string;
  readonly group: SweepGroup;
  readonly axes: SweepAxes;
  /** The arena scenario the runner runs (server options, requests, concurrency, timeout). */
  readonly scenario: Scenario;
  readonly contenders: readonly SweepContender[];
  /** Fixed windows: every run of the point starts just after a wall-clock window boundary. */
  readonly alignToWindowMs?: number;
  /** Runs with nothing else on the machine: its rate would saturate two cores shared with another run. */
  readonly alone?: boolean;
  /**
   * A throughput comparison (the unlimited server): each run is the arena's overhead measurement —
   * alone, after a discarded warm-up, this many interleaved rounds, each contender's median round.
   */
  readonly medianOfRounds?: number;
}

/** The sweep's shape: `full` (every combination below) or `quick` (one of each kind of point). */
export type SweepForm = 'full' | 'quick';
