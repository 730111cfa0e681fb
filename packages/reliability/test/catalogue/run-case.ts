import { closedPortUrl, type FaultServer, type RawServer, startSilentListener } from '@staunch/testing';
import { type AdapterName, type Case, type Expectation, expectationFor, type Seen } from './row.js';
import { send } from './send.js';

export interface Servers {
  readonly fault: FaultServer;
  readonly raw: RawServer;
}

export interface CaseResult {
  readonly name: string;
  readonly passed: boolean;
  readonly expected: Expectation;
  readonly seen: Seen;
}

function signalFor(abort: Case['abort']): AbortSignal | undefined {
  if (abort === undefined) return undefined;
  if (abort === 'before') return AbortSignal.abort(new Error('aborted before the call'));
  if (abort === 'timeout-1') return AbortSignal.timeout(1);
  if (abort === 'any')
    return AbortSignal.any([AbortSignal.abort(new Error('one of two')), new AbortController().signal]);
  return AbortSignal.timeout(abort);
}

/** Runs one case through one adapter under its own script id and compares with its expectation. */
export async function runCase(
  servers: Servers,
  rowId: string,
  index: number,
  item: Case,
  adapter: AdapterName,
): Promise<CaseResult> {
  const id = `${rowId}-${index}-${item.name}-${adapter}`.replace(/[^a-zA-Z0-9]+/g, '-');
  if (item.run !== undefined) {
    const seen = await item.run({ adapter, id, servers, send: (request) => send(adapter, request) });
    const expected = expectationFor(item, adapter);
    return { name: item.name, passed: matches(expected, seen), expected, seen };
  }
  const target = item.target ?? 'fault';
  const silent = target === 'silent' ? await startSilentListener() : undefined;
  let url: string;
  if (target === 'raw') url = `${servers.raw.url}/r/${id}/`;
  else if (target === 'closed-port') url = `${await closedPortUrl()}/v1/chat/completions`;
  else if (target === 'silent') url = `${silent?.url}/v1/chat/completions`;
  else if (target === 'dns-failure') url = 'http://llm.invalid/v1/chat/completions';
  else url = `${servers.fault.url}/s/${id}/v1/chat/completions`;
  if (item.steps !== undefined) servers.fault.script(id, item.steps);
  if (item.raw !== undefined) servers.raw.script(id, item.raw);
  try {
    // Each call's signal stays referenced until every call ends, as a caller's usually is (an
    // unreferenced AbortSignal.timeout is its own case in F37: Node may collect it).
    const signals = Array.from({ length: item.concurrency ?? 1 }, () => signalFor(item.abort));
    const outcomes = await Promise.all(
      signals.map((signal) =>
        send(adapter, {
          url,
          ...(item.policy === undefined ? {} : { policy: item.policy }),
          body: item.body ?? 'none',
          signal,
          defaults: item.defaults ?? false,
          dnsFailure: target === 'dns-failure',
        }),
      ),
    );
    signals.length = 0;
    const arrivals =
      target === 'raw'
        ? servers.raw.arrivals(id)
        : target === 'silent'
          ? (silent?.connections ?? 0)
          : target === 'fault'
            ? servers.fault.arrivals(id)
            : 0;
    const hashes = new Set(servers.fault.requests(id).map((r) => r.bodySha256));
    const seen = { arrivals, outcomes, ...(item.sameBody ? { sameBody: hashes.size === 1 } : {}) };
    const expected = expectationFor(item, adapter);
    return { name: item.name, passed: matches(expected, seen), expected, seen };
  } finally {
    await silent?.close();
  }
}

function matches(expected: Expectation, seen: Seen): boolean {
  const [low, high] =
    typeof expected.arrivals === 'number' ? [expected.arrivals, expected.arrivals] : expected.arrivals;
  const allowed = typeof expected.outcome === 'string' ? [expected.outcome] : expected.outcome;
  return (
    seen.arrivals >= low &&
    seen.arrivals <= high &&
    seen.outcomes.every((outcome) => allowed.includes(outcome)) &&
    seen.sameBody !== false
  );
}
