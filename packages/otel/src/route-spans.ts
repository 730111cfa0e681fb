import {
  type Attributes,
  type Context,
  context,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import type { CallInfo } from '@staunch/core';
import type { RouteEnd, RouteLeg, RouteReport } from '@staunch/failover';
import { spanMethod } from './request-attributes.js';
import type { SpanClock } from './span-clock.js';

/** A leg's own attributes: the target it went to and the key's index (never the key). */
export function legAttributes(leg: RouteLeg): Attributes {
  return leg.key === undefined
    ? { 'staunch.target': leg.target }
    : { 'staunch.target': leg.target, 'staunch.key_index': leg.key };
}

interface OpenRoute {
  readonly span: Span;
  readonly context: Context;
}

/**
 * The span of each routed call of a failover chain: opened at its first leg, parented to what was
 * current then, with every leg's call span under it; ended with the route's report (which target
 * and key served, what happened at each). A route whose every target was skipped (open breakers)
 * has no leg: its span opens and ends at the report.
 */
export class RouteSpans {
  readonly #open = new Map<object, OpenRoute>();

  readonly #now: SpanClock;

  /** `now` times the route spans; the call spans under them must share it (span-clock.ts). */
  constructor(
    readonly tracer: Tracer,
    now: SpanClock,
  ) {
    this.#now = now;
  }

  /** The context a leg's call span starts in: its route's span, opened now at the first leg. */
  enter(call: CallInfo, leg: RouteLeg, attributes: Attributes): Context {
    const open =
      this.#open.get(leg.route) ?? this.#start(spanMethod(call), { ...attributes, 'staunch.route.entry': leg.target });
    this.#open.set(leg.route, open);
    return open.context;
  }

  end({ route, report }: RouteEnd): void {
    const open = this.#open.get(route) ?? this.#start('HTTP', {});
    this.#open.delete(route);
    const { span } = open;
    span.setAttributes(reportAttributes(report));
    if (!report.ok) {
      span.setAttribute('error.type', 'FailoverError');
      span.setStatus({ code: SpanStatusCode.ERROR, message: `no target served: ${describeOutcomes(report)}` });
    }
    span.end(this.#now());
  }

  /** Ends the spans of routes still in flight (instrumentation removed meanwhile). */
  dispose(): void {
    for (const { span } of this.#open.values()) span.end(this.#now());
    this.#open.clear();
  }

  #start(method: string, attributes: Attributes): OpenRoute {
    const parent = context.active();
    const span = this.tracer.startSpan(
      `staunch route ${method}`,
      { kind: SpanKind.INTERNAL, attributes, startTime: this.#now() },
      parent,
    );
    return { span, context: trace.setSpan(parent, span) };
  }
}

const legName = (target: string, key: number | undefined) => (key === undefined ? target : `${target}#${key}`);

function describeOutcomes(report: RouteReport): string {
  return report.outcomes.map((o) => `${legName(o.target, o.key)} ${o.outcome}`).join(', ') || 'none tried';
}

function reportAttributes(report: RouteReport): Attributes {
  const attributes: Attributes = {
    'staunch.attempts': report.attempts,
    'staunch.route.targets': report.outcomes.map((o) => legName(o.target, o.key)),
    'staunch.route.outcomes': report.outcomes.map((o) => String(o.outcome)),
  };
  if (report.target !== undefined) attributes['staunch.target'] = report.target;
  if (report.key !== undefined) attributes['staunch.key_index'] = report.key;
  return attributes;
}
