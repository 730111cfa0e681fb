import { createFetch } from '@staunch/fetch';
import { BrokenCircuitError, ConsecutiveBreaker, circuitBreaker, handleWhen } from 'cockatiel';
import { aiFallbackSender } from './ai-fallback.js';
import type { Send } from './load.js';
import { portkeySender } from './portkey.js';
import { gatewayURL } from './portkey-gateway.js';

/** Staunch's hedge settings, as `failover.hedge` takes them. */
export interface HedgeOptions {
  readonly delayMs: number;
  readonly maxExtra?: number;
}

/** One destination of a scenario: a base URL, the policy Staunch uses for it, its keys. */
export interface BenchTarget {
  readonly name: string;
  readonly baseURL: string;
  readonly policy: string;
  readonly keys?: readonly string[];
}

export const CONTENDERS = ['staunch', 'cockatiel', 'portkey', 'ai-fallback'] as const;
export type Contender = (typeof CONTENDERS)[number];

/** How the chart's legend names each contender (short: the legend gives each name 140 px). */
export const CONTENDER_LABELS: Readonly<Record<Contender, string>> = {
  staunch: 'Staunch',
  cockatiel: 'cockatiel',
  portkey: 'Portkey gateway',
  'ai-fallback': 'ai-fallback (AI SDK)',
};

const BODY = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], max_tokens: 8 });
const PATH = '/chat/completions';

/**
 * A sender for `contender` over `targets` (the first is where requests are addressed). Only Staunch
 * hedges; the peers have no such setting. Portkey's needs the gateway `startGateway` started.
 */
export function senderFor(contender: Contender, targets: readonly BenchTarget[], hedge?: HedgeOptions): Send {
  switch (contender) {
    case 'staunch':
      return staunchSender(targets, hedge);
    case 'cockatiel':
      return cockatielSender(targets);
    case 'portkey':
      return portkeySender(gatewayURL(), targets);
    case 'ai-fallback':
      return aiFallbackSender(targets);
  }
}

function staunchSender(targets: readonly BenchTarget[], hedge: HedgeOptions | undefined): Send {
  const staunchFetch = createFetch({
    targets: targets.map((t) => ({
      name: t.name,
      baseURL: t.baseURL,
      policy: t.policy,
      ...(t.keys ? { keys: t.keys } : {}),
    })),
    ...(hedge === undefined ? {} : { failover: { hedge } }),
  });
  const url = `${targets[0]?.baseURL}${PATH}`;
  return async () => {
    const response = await staunchFetch(url, { method: 'POST', body: BODY, headers: HEADERS });
    await response.arrayBuffer();
    return response.status;
  };
}

const HEADERS = { 'content-type': 'application/json', authorization: 'Bearer caller-key' };

class Failed extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

/**
 * cockatiel as its README shows it: one circuit breaker per destination (here per key, for keys)
 * with `halfOpenAfter: 10 * 1000` and `new ConsecutiveBreaker(5)`, handling 429, 5xx and network
 * errors, and a hand-written fallback to the next destination when a call fails or the circuit is
 * open. Keys of one target take turns (round-robin), the usual hand-written way.
 */
function cockatielSender(targets: readonly BenchTarget[]): Send {
  const policy = handleWhen((error) => !(error instanceof Failed) || error.status === 429 || error.status >= 500);
  const destinations = targets.map((target) => ({
    target,
    breakers: (target.keys ?? ['caller-key']).map(() =>
      circuitBreaker(policy, { halfOpenAfter: 10 * 1000, breaker: new ConsecutiveBreaker(5) }),
    ),
    next: 0,
  }));
  return async () => {
    let last = 0;
    for (const destination of destinations) {
      const keys = destination.target.keys ?? ['caller-key'];
      for (let tried = 0; tried < keys.length; tried++) {
        const index = destination.next++ % keys.length;
        try {
          const breaker = destination.breakers[index];
          if (breaker === undefined) continue;
          return await breaker.execute(async () => {
            const response = await fetch(`${destination.target.baseURL}${PATH}`, {
              method: 'POST',
              body: BODY,
              headers: { ...HEADERS, authorization: `Bearer ${keys[index]}` },
            });
            await response.arrayBuffer();
            if (response.status >= 400) throw new Failed(response.status);
            return response.status;
          });
        } catch (error) {
          if (error instanceof Failed) last = error.status;
          else if (!(error instanceof BrokenCircuitError)) last = 0;
        }
      }
    }
    return last;
  };
}
