import {
  type Clock,
  ConfigError,
  createAdaptiveThrottle,
  definePolicy,
  type Engine,
  noThrottle,
  type Policy,
  type RuleInput,
  rejectUnknownOptions,
  scopeKey,
  systemClock,
  type Throttle,
} from '@staunch/core';
import { createPolicyEngine, type StaunchOptions } from '@staunch/presets';
import { Breaker } from '../breaker/breaker.js';
import { type BreakerOptions, resolveBreakerOptions } from '../breaker/breaker-options.js';
import { type BreakerShare, breakerShareOf, isBreakerShare } from '../breaker/breaker-share.js';
import { type KeyPlacement, keyPlacementFor } from './auth-placement.js';
import { HedgeBudget, type HedgeOptions, LatencyWindow } from './hedge.js';
import { normalizeBaseURL } from './rebase-url.js';
import type { ModelRewrite } from './rewrite-model.js';
import { type TargetOptions, validateTarget } from './target-options.js';

/** Settings of the chain as a whole. */
export interface ChainOptions {
  /** The whole call, every target and wait included, settles within this many ms. @default none */
  readonly timeoutMs?: number;
  /** Attempts at a target while another remains after it; the last target retries per its policy. @default 1 */
  readonly attemptsBeforeFailover?: number;
  /** Breaker settings for every target and key. */
  readonly breaker?: BreakerOptions;
  /** Opt-in: after `delayMs` without an answer, one extra attempt at the next healthy target; the first answer wins. @default off */
  readonly hedge?: HedgeOptions;
  /**
   * Where the breakers meet other processes' (`false`: this process's alone). Targets are known
   * there by name and base URL, keys by base URL and a hash of the key.
   * @default the throttle's `breakerShare` (the Redis throttle has one), else none
   */
  readonly breakerShare?: BreakerShare | false;
}

const CHAIN_OPTION_KEYS = {
  timeoutMs: true,
  attemptsBeforeFailover: true,
  breaker: true,
  hedge: true,
  breakerShare: true,
};

/** What a router is built from: the targets, the chain's settings, and the engine parts every target shares. */
export interface RouterOptions extends Omit<StaunchOptions, 'policy'> {
  readonly targets: readonly TargetOptions[];
  readonly failover?: ChainOptions;
}

export interface Slot {
  readonly index: number | undefined;
  readonly key: string | undefined;
  readonly breaker: Breaker;
  inflight: number;
  /** Until a first answer vouches for the key, one call goes at a time; the others wait for it. */
  proven: boolean;
  firstAnswer: Promise<void> | undefined;
}

export interface Target {
  readonly name: string;
  readonly order: number;
  readonly baseURL: string;
  readonly priority: number;
  readonly engine: Engine;
  /** The policy with `attemptsBeforeFailover` attempts, used while another target remains. */
  readonly onward: Policy;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly model: ModelRewrite | undefined;
  readonly placement: KeyPlacement;
  readonly breaker: Breaker;
  readonly slots: readonly Slot[];
  /** Its recent leg durations, for a hedge delayed by its p95. */
  readonly latency: LatencyWindow;
}

export interface Chain {
  readonly targets: readonly Target[];
  readonly throttle: Throttle;
  readonly clock: Clock;
  readonly timeoutMs: number | undefined;
  readonly hedge: { readonly delayMs: number | 'p95'; readonly budget: HedgeBudget } | undefined;
}

/** Validates the options and builds one engine, breaker and key slots per target; the throttle is shared. */
export function resolveChain(options: RouterOptions): Chain {
  const { targets: inputs, failover = {}, ...engineOptions } = options;
  if (!Array.isArray(inputs) || inputs.length === 0) {
    throw new ConfigError('targets', 'expected a non-empty array of targets ({ name, baseURL, policy, … }).');
  }
  rejectUnknownOptions('failover', failover, CHAIN_OPTION_KEYS);
  const clock = engineOptions.clock ?? systemClock;
  const throttle =
    engineOptions.throttle === false ? noThrottle : (engineOptions.throttle ?? createAdaptiveThrottle({ clock }));
  const onwardAttempts = failover.attemptsBeforeFailover ?? 1;
  if (!Number.isInteger(onwardAttempts) || onwardAttempts < 1 || onwardAttempts > 100) {
    throw new ConfigError(
      'failover.attemptsBeforeFailover',
      `expected an integer from 1 to 100, got ${String(onwardAttempts)}.`,
    );
  }
  const timeoutMs = failover.timeoutMs;
  if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs > 0 && timeoutMs <= 2 ** 31 - 1)) {
    throw new ConfigError('failover.timeoutMs', `expected a number of milliseconds above 0, got ${String(timeoutMs)}.`);
  }
  const share = resolveShare(failover.breakerShare, throttle);
  const names = new Set<string>();
  const targets = inputs.map((input, order): Target => {
    const field = `targets[${order}]`;
    const target = validateTarget(field, input, names);
    const breakerOptions = resolveBreakerOptions(`${field}.breaker`, { ...failover.breaker, ...target.breaker });
    const engine = createPolicyEngine({ ...engineOptions, clock, throttle, policy: target.policy ?? 'default' });
    const policy = engine.policy;
    const baseURL = normalizeBaseURL(target.baseURL);
    const breaker = (id: string) => new Breaker(breakerOptions, clock, share && { share, id });
    return {
      name: target.name,
      order,
      baseURL,
      priority: target.priority ?? order,
      engine,
      onward: onwardPolicy(policy, onwardAttempts),
      headers: Object.entries(target.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value] as const),
      model: target.model,
      placement: keyPlacementFor(policy.name),
      breaker: breaker(`target ${target.name} ${baseURL}`),
      slots: (target.keys ?? [undefined]).map((key, index) => ({
        index: key === undefined ? undefined : index,
        key,
        breaker: breaker(
          key === undefined
            ? `slot ${target.name} ${baseURL}`
            : `key ${baseURL} ${scopeKey({ provider: 'key', apiKey: key })}`,
        ),
        inflight: 0,
        proven: false,
        firstAnswer: undefined,
      })),
      latency: new LatencyWindow(),
    };
  });
  return { targets, throttle, clock, timeoutMs, hedge: resolveHedge(failover.hedge) };
}

function resolveShare(option: BreakerShare | false | undefined, throttle: Throttle): BreakerShare | undefined {
  if (option === false) return undefined;
  if (option === undefined) return breakerShareOf(throttle);
  if (isBreakerShare(option)) return option;
  throw new ConfigError(
    'failover.breakerShare',
    'expected a breaker share (opened, closed, heard), or false: pass the Redis throttle as `throttle` to share through it.',
  );
}

/**
 * The policy a target runs while another remains: each retry rule capped at `attempts`, except
 * rate limits, which keep their retries at the key (the throttle paces them; a call that moved on
 * after each 429 would meet the sibling keys at their limit too: 21 429s instead of 8 in a 4 s
 * burst of 24 callers on three keys at 20 req/s). Unmatched outcomes take the policy's own limit.
 */
function onwardPolicy(policy: Policy, attempts: number): Policy {
  const rules: Record<string, RuleInput | 'fail' | 'retry'> = {};
  for (const [key, rule] of Object.entries(policy.source.rules ?? {})) {
    const input: RuleInput = typeof rule === 'string' ? { action: rule } : rule;
    const capped = input.action === 'retry' && (input.reason ?? policy.rules[key]?.reason) !== 'rate-limit';
    rules[key] = capped
      ? { ...input, maxAttempts: Math.min(attempts, input.maxAttempts ?? policy.maxAttempts) }
      : input;
  }
  return definePolicy({ ...policy.source, rules });
}

function resolveHedge(hedge: HedgeOptions | undefined): Chain['hedge'] {
  if (hedge === undefined) return undefined;
  const { delayMs } = hedge;
  if (delayMs !== 'p95' && !(Number.isFinite(delayMs) && delayMs >= 0 && delayMs <= 2 ** 31 - 1)) {
    throw new ConfigError(
      'failover.hedge.delayMs',
      `expected a number of milliseconds from 0, or 'p95' (the first target's recent 95th percentile), got ${String(delayMs)}.`,
    );
  }
  const ratio = hedge.maxExtra ?? 0.1;
  if (!(typeof ratio === 'number' && ratio > 0 && ratio <= 1)) {
    throw new ConfigError(
      'failover.hedge.maxExtra',
      `expected a share above 0 and at most 1, got ${String(ratio)}. 0.1 allows one extra request in ten.`,
    );
  }
  return { delayMs: hedge.delayMs, budget: new HedgeBudget(ratio) };
}
