import { type CallInfo, createEmitter, type Event, type RequestInfo } from '@staunch/core';
import type { BreakerState } from './breaker/breaker.js';
import type { Target } from './chain/resolve-chain.js';
import type { RouteReport } from './route-report.js';

/** Which target and key one call of a target's engine went to, and the routed call it is part of. */
export interface RouteLeg {
  /** One object per routed call, the same for each of its legs and for its `onRouteEnd`. */
  readonly route: object;
  readonly target: string;
  /** The key's index in the target's `keys`, when it has keys; never the key itself. */
  readonly key: number | undefined;
}

export interface RouteEnd {
  readonly route: object;
  readonly report: RouteReport;
}

/** A breaker's state: the target's own (`key` undefined), or one of its keys'. */
export interface BreakerReading {
  readonly target: string;
  readonly key: number | undefined;
  readonly state: BreakerState;
}

/**
 * What telemetry needs of a chain to follow its calls: the engines' events say what happened at a
 * target, this says which target and key, where the call went next, and how the breakers stand.
 */
export interface RouteTelemetry {
  legOf(call: CallInfo): RouteLeg | undefined;
  /** Each routed call's end, after the events of its last leg. */
  readonly onRouteEnd: Event<RouteEnd>;
  /** Every target's breaker and each of its keys', read now. */
  breakers(): readonly BreakerReading[];
}

/** The router's side: it tags each leg's request as it starts it, and reports each end. */
export interface RouteTelemetrySource extends RouteTelemetry {
  tag(request: RequestInfo, leg: RouteLeg): RequestInfo;
  end(route: object, report: RouteReport): void;
}

export function createRouteTelemetry(targets: readonly Target[]): RouteTelemetrySource {
  // Keyed by the request object the engine keeps in its frozen CallInfo, so a leg is known by identity.
  const legs = new WeakMap<RequestInfo, RouteLeg>();
  const ends = createEmitter<RouteEnd>();
  return {
    legOf: (call) => (call.request === undefined ? undefined : legs.get(call.request)),
    onRouteEnd: ends.event,
    breakers() {
      const readings: BreakerReading[] = [];
      for (const target of targets) {
        readings.push({ target: target.name, key: undefined, state: target.breaker.state });
        for (const slot of target.slots) {
          if (slot.index !== undefined)
            readings.push({ target: target.name, key: slot.index, state: slot.breaker.state });
        }
      }
      return readings;
    },
    tag(request, leg) {
      legs.set(request, leg);
      return request;
    },
    end: (route, report) => ends.emit({ route, report }),
  };
}
