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
import type { AttemptEvent, AttemptStartEvent, CallInfo, GiveUpEvent, RetryEvent, SuccessEvent } from '@staunch/core';
import { spanMethod } from './request-attributes.js';
import type { SpanClock } from './span-clock.js';

interface OpenAttempt {
  readonly span: Span;
  /** When the outcome arrived (epoch ms, see `now`); the span ends there once the decision is known. */
  endedAt: number | undefined;
  /** The rule's action (or `cancelled`), until a retry says the call went on. */
  action: string | undefined;
}

interface OpenCall {
  readonly span: Span;
  readonly context: Context;
  readonly attributes: Attributes;
  attempt: OpenAttempt | undefined;
}

/**
 * The spans of each call in flight: the call's INTERNAL span, parented to what was current when
 * the call began, and one span per attempt under it (CLIENT, or INTERNAL when an HTTP client
 * instrumentation makes the client spans). An attempt's span ends when its outcome arrived but
 * is closed only once the engine decided (retry, fail, give up), so it carries that decision.
 */
export class CallSpans {
  readonly #open = new Map<CallInfo, OpenCall>();
  readonly #now: SpanClock;

  /** `now` times every span (span-clock.ts); pass the route spans' clock so all share one anchor. */
  constructor(
    readonly tracer: Tracer,
    readonly clientSpans: boolean,
    now: SpanClock,
  ) {
    this.#now = now;
  }

  attributesOf(call: CallInfo): Attributes | undefined {
    return this.#open.get(call)?.attributes;
  }

  /** Opens the call's span under `parent` (a failover route's span) or what is current now. */
  start(call: CallInfo, attributes: Attributes, parent: Context = context.active()): void {
    const span = this.tracer.startSpan(
      `staunch ${spanMethod(call)}`,
      {
        kind: SpanKind.INTERNAL,
        attributes: { ...attributes, 'staunch.max_attempts': call.maxAttempts },
        startTime: this.#now(),
      },
      parent,
    );
    this.#open.set(call, { span, context: trace.setSpan(parent, span), attributes, attempt: undefined });
  }

  attemptStart(event: AttemptStartEvent): void {
    const open = this.#open.get(event.call);
    if (open === undefined) return;
    if (open.attempt !== undefined) this.#close(open);
    const attributes: Attributes = {
      ...open.attributes,
      'staunch.attempt': event.attempt,
      'staunch.throttle.wait_ms': event.throttleWaitMs,
    };
    if (event.attempt > 1) attributes['http.request.resend_count'] = event.attempt - 1;
    const name = this.clientSpans ? spanMethod(event.call) : `staunch attempt ${event.attempt}`;
    const kind = this.clientSpans ? SpanKind.CLIENT : SpanKind.INTERNAL;
    const span = this.tracer.startSpan(name, { kind, attributes, startTime: this.#now() }, open.context);
    open.attempt = { span, endedAt: undefined, action: undefined };
  }

  /** Runs the transport call with the attempt's span current, so an HTTP client's spans nest under it. */
  within<R>(event: AttemptStartEvent, run: () => R): R {
    const open = this.#open.get(event.call);
    if (open?.attempt === undefined) return run();
    return context.with(trace.setSpan(open.context, open.attempt.span), run);
  }

  attemptEnd(event: AttemptEvent): void {
    const attempt = this.#open.get(event.call)?.attempt;
    if (attempt === undefined) return;
    const { span } = attempt;
    attempt.endedAt = this.#now();
    if (event.status !== undefined) span.setAttribute('http.response.status_code', event.status);
    if (event.rule !== undefined) span.setAttribute('staunch.rule', event.rule);
    if (event.reason !== undefined) span.setAttribute('staunch.reason', event.reason);
    attempt.action = event.cancelled ? 'cancelled' : event.action;
    const errorType = event.cancelled
      ? 'cancelled'
      : event.status !== undefined && event.status >= 400
        ? String(event.status)
        : event.status === undefined
          ? (event.reason ?? '_OTHER')
          : undefined;
    if (errorType !== undefined) {
      span.setAttribute('error.type', errorType);
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
  }

  retry(event: RetryEvent): void {
    const open = this.#open.get(event.call);
    const attempt = open?.attempt;
    if (open === undefined || attempt === undefined) return;
    attempt.span.setAttributes({
      'staunch.action': 'retry',
      'staunch.wait_ms': event.delayMs,
      'staunch.wait_source': event.waitSource,
    });
    attempt.action = 'retry';
    this.#close(open);
  }

  success(event: SuccessEvent): void {
    const open = this.#open.get(event.call);
    if (open === undefined) return;
    this.#close(open);
    open.span.setAttributes({ 'http.response.status_code': event.status, 'staunch.attempts': event.attempts });
    this.#finish(event.call, open);
  }

  giveUp(event: GiveUpEvent): void {
    const open = this.#open.get(event.call);
    if (open === undefined) return;
    if (open.attempt !== undefined) {
      // The rule said fail: failing fast. It said retry, yet the call ends: attempts, the
      // deadline, a wait too long or the retry budget stopped it. Or the caller gave up first.
      const { action: ruled } = open.attempt;
      const action = ruled === 'fail' || ruled === 'cancelled' ? ruled : 'give-up';
      open.attempt.span.setAttribute('staunch.action', action);
      this.#close(open);
    }
    const { error } = event;
    const status = error.status;
    open.span.setAttributes({
      'staunch.attempts': event.attempts,
      'error.type': status !== undefined && status >= 400 ? String(status) : error.name,
      ...(status === undefined ? {} : { 'http.response.status_code': status }),
      ...(error.reason === undefined ? {} : { 'staunch.reason': error.reason }),
    });
    open.span.recordException({
      name: error.name,
      message: error.message,
      ...(error.stack === undefined ? {} : { stack: error.stack }),
    });
    open.span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
    this.#finish(event.call, open);
  }

  /** Ends whatever is still open (a call in flight when instrumentation is removed). */
  dispose(): void {
    for (const [call, open] of this.#open) {
      this.#close(open);
      this.#finish(call, open);
    }
  }

  #close(open: OpenCall): void {
    const attempt = open.attempt;
    if (attempt === undefined) return;
    open.attempt = undefined;
    attempt.span.end(attempt.endedAt ?? this.#now());
  }

  #finish(call: CallInfo, open: OpenCall): void {
    this.#open.delete(call);
    open.span.end(this.#now());
  }
}
