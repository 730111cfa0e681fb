import { parseArgs } from 'node:util';
import {
  type Decision,
  decide,
  type HeaderLookup,
  matchRule,
  type OutcomeKey,
  type Policy,
  parseHttpDate,
  type Rule,
  readErrorBody,
  type ServerWait,
  serverWait,
} from '@staunch/core';
import type { CliIo } from '../io.js';
import { parseResponseHead } from '../response-head.js';
import { lines, styleFor } from '../style.js';
import { parseHosts, resolveTarget } from '../target.js';
import { EXIT_OK, UsageError } from '../usage-error.js';

export const EXPLAIN_USAGE = `Usage: staunch explain <preset|url> <status>[:<code>] [--body <json>] [--headers <file>] [--hosts <json>]

What Staunch does with this outcome: the rule that matches, the action, the attempt limit, the
wait before the next attempt, and the hint.

  <preset|url>       a preset name (openai, together, 4allapi…) or the URL you call
  <status>[:<code>]  an HTTP status, optionally with the provider's error code
                     (429:insufficient_quota), or network, or timeout
  --body <json>      the error body, to read the provider's code and message from
  --headers <file>   the response head (curl -i output), to read the server's wait from
  --hosts <json>     your host map, as the adapters' hosts option: '{"llm.internal":"openai"}'
  -h, --help         this help

Example: staunch explain openai 429 --headers response.txt`;

interface Parsed {
  readonly target: string;
  readonly outcome: string;
  readonly body: string | undefined;
  readonly headersFile: string | undefined;
  readonly hosts: string | undefined;
}

function parse(args: readonly string[]): Parsed | 'help' {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      body: { type: 'string' },
      headers: { type: 'string' },
      hosts: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) return 'help';
  const [target, outcome, ...extra] = positionals;
  if (target === undefined || outcome === undefined)
    throw new UsageError('explain needs a preset or URL and a status.');
  if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}.`);
  return { target, outcome, body: values.body, headersFile: values.headers, hosts: values.hosts };
}

function outcomeKey(text: string, body: string | undefined, policy: Policy): OutcomeKey {
  const lower = text.trim().toLowerCase();
  if (lower === 'network') return { kind: 'network', codes: [] };
  if (lower === 'timeout') return { kind: 'timeout' };
  const match = /^(\d{3})(?::(.+))?$/.exec(lower);
  const status = match === null ? Number.NaN : Number(match[1]);
  if (match === null || status < 100 || status > 599) {
    throw new UsageError(
      `expected a status from 100 to 599, optionally with :<code>, or network or timeout; got ${JSON.stringify(text)}.`,
    );
  }
  const read = readErrorBody(body, policy.errorCodePaths);
  const codes = match[2] === undefined ? read.codes : [match[2], ...read.codes];
  return { kind: 'status', status, codes, message: read.message };
}

export async function explain(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parse(args);
  if (parsed === 'help') {
    io.stdout(`${EXPLAIN_USAGE}\n`);
    return EXIT_OK;
  }
  const style = styleFor(io);
  const target = resolveTarget(parsed.target, parseHosts(parsed.hosts));
  const { policy } = target;
  if (parsed.body !== undefined && !/^\s*[[{]/.test(parsed.body))
    throw new UsageError('--body expects the JSON error body.');
  const key = outcomeKey(parsed.outcome, parsed.body, policy);
  if (key.kind === 'status' && key.status < 400) {
    io.stdout(
      lines(style, [
        ['preset', presetLine(target)],
        ['outcome', `${key.status}: a success; Staunch returns it as is.`],
      ]),
    );
    return EXIT_OK;
  }
  const rule = matchRule(policy, key);
  const head = parsed.headersFile === undefined ? undefined : await readHead(io, parsed.headersFile);
  const now = io.now();
  const bodyWait = readErrorBody(parsed.body, policy.errorCodePaths).waitMs;
  const wait = serverWait(head, policy.rateLimitHeaders, serverNow(head, now), bodyWait);
  const decision = decideFirst(policy, rule, wait);
  const action =
    rule.action === 'retry' ? style.warn('retry') : style.bad('fail fast (the call ends with this answer)');
  io.stdout(
    lines(style, [
      ['preset', presetLine(target)],
      ['outcome', describeOutcome(key)],
      ['rule', `${JSON.stringify(rule.key)} (reason ${rule.reason})`],
      ['action', action],
      rule.action === 'retry'
        ? [
            'attempts',
            `up to ${rule.maxAttempts} in all, the first included (policy maxAttempts ${policy.maxAttempts})`,
          ]
        : undefined,
      rule.action === 'retry' ? ['wait', describeWait(decision, rule, wait, head !== undefined)] : undefined,
      ['hint', rule.hint ?? style.dim('(none)')],
    ]),
  );
  return EXIT_OK;
}

async function readHead(io: CliIo, file: string): Promise<HeaderLookup> {
  let text: string;
  try {
    text = await io.readFile(file);
  } catch (error) {
    throw new UsageError(`cannot read --headers ${JSON.stringify(file)}: ${(error as Error).message}`);
  }
  return parseResponseHead(text).headers;
}

/** The server's clock, from its `Date` header, measures its own HTTP-date waits. */
function serverNow(head: HeaderLookup | undefined, now: number): number {
  const date = head?.get('date');
  return (date === null || date === undefined ? undefined : parseHttpDate(date, now)) ?? now;
}

function decideFirst(policy: Policy, rule: Rule, wait: ServerWait | undefined): { low: Decision; high: Decision } {
  const input = {
    policy,
    rule,
    attempts: 1,
    replayable: true,
    serverWait: wait,
    remainingMs: Number.POSITIVE_INFINITY,
    previousDelayMs: 0,
  };
  return { low: decide({ ...input, random: () => 0 }), high: decide({ ...input, random: () => 0.999_999 }) };
}

function describeWait(
  decision: { low: Decision; high: Decision },
  rule: Rule,
  wait: ServerWait | undefined,
  hadHeaders: boolean,
): string {
  const { low, high } = decision;
  if (low.kind === 'wait-too-long') return `none: fails at once with retryAt — ${low.why}`;
  if (low.kind !== 'retry' || high.kind !== 'retry') return `none (${low.kind})`;
  const range = low.delayMs === high.delayMs ? `${low.delayMs} ms` : `${low.delayMs}–${high.delayMs} ms`;
  if (low.source !== 'backoff')
    return `${range} before the next attempt, as the server asked (${wait?.source ?? low.source}, ${wait?.delayMs} ms, plus a little jitter)`;
  const why = !rule.honorRetryAfter
    ? 'the rule ignores server waits'
    : hadHeaders
      ? 'the headers give no wait'
      : 'no headers given (--headers <file> to read the server’s wait)';
  return `${range} before the next attempt: backoff (${rule.backoff.jitter} jitter, base ${rule.backoff.baseMs} ms, cap ${rule.backoff.capMs} ms); ${why}`;
}

function describeOutcome(key: OutcomeKey): string {
  if (key.kind !== 'status') return key.kind === 'timeout' ? 'an attempt timed out' : 'a network error';
  const code = key.codes.length === 0 ? '' : ` with code ${key.codes.map((c) => JSON.stringify(c)).join(', ')}`;
  const message = key.message === undefined ? '' : ` — "${key.message}"`;
  return `HTTP ${key.status}${code}${message}`;
}

function presetLine(target: ReturnType<typeof resolveTarget>): string {
  const name = target.preset === undefined ? 'default' : `${target.preset.name} (${target.preset.title})`;
  return target.chosenBy === 'name' ? name : `${name}, chosen by ${target.chosenBy}`;
}
