import { startMockProvider } from '@staunch/testing';
import type { BenchTarget } from './contenders.js';
import { openLoop, type Send } from './load.js';

/** One Portkey config node: a provider target, or a strategy over nested targets. */
type PortkeyConfig =
  | { readonly provider: 'openai'; readonly custom_host: string; readonly api_key: string; readonly weight?: number }
  | { readonly strategy: { readonly mode: 'fallback' | 'loadbalance' }; readonly targets: readonly PortkeyConfig[] };

const BODY = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], max_tokens: 8 });

/** A target's keys; one without keys is called with the caller's key, as the other contenders do. */
const keysOf = (target: BenchTarget): readonly string[] => target.keys ?? ['caller-key'];

/** A target as Portkey's docs configure an OpenAI-compatible host: `provider: "openai"` and `custom_host`. */
function node(target: BenchTarget): PortkeyConfig {
  const keys = keysOf(target);
  const leaf = (key: string, weight?: number): PortkeyConfig => ({
    provider: 'openai',
    custom_host: target.baseURL,
    api_key: key,
    ...(weight === undefined ? {} : { weight }),
  });
  const [only] = keys;
  if (keys.length === 1 && only !== undefined) return leaf(only);
  // Several keys of one provider: Portkey's load balancer, one target per key, equal weights.
  return { strategy: { mode: 'loadbalance' }, targets: keys.map((key) => leaf(key, 1)) };
}

/**
 * The `x-portkey-config` for `targets`: one target (F3's keys) is a `loadbalance` over its keys;
 * several are a `fallback` over them in order. Everything else is left at the gateway's defaults:
 * `strategy.on_status_codes` unset, so the fallback moves on after any non-2xx answer; no `retry`,
 * so `attempts` is 0 and no target is retried; no `request_timeout`; no cache.
 */
export function portkeyConfig(targets: readonly BenchTarget[]): PortkeyConfig {
  const [only] = targets;
  if (targets.length === 1 && only !== undefined) return node(only);
  return { strategy: { mode: 'fallback' }, targets: targets.map(node) };
}

/**
 * A sender through the Portkey gateway at `gatewayURL`: each call is a POST to its
 * OpenAI-compatible `/v1/chat/completions` with the config in the `x-portkey-config` header.
 * The answer's status is the gateway's (the last target's, when every target failed).
 */
export function portkeySender(gatewayURL: string, targets: readonly BenchTarget[]): Send {
  const headers = { 'content-type': 'application/json', 'x-portkey-config': JSON.stringify(portkeyConfig(targets)) };
  const url = `${gatewayURL}/v1/chat/completions`;
  return async () => {
    const response = await fetch(url, { method: 'POST', body: BODY, headers });
    await response.arrayBuffer();
    return response.status;
  };
}

/**
 * 120 calls (40 a second for 3 s) through the gateway to a throwaway healthy provider before the
 * first measured run: a cold gateway answered its first second of calls in about 250 ms (median,
 * up to 0.8 s), against about 20 ms once warm, and a gateway in service is warm.
 */
export async function warmUpGateway(gatewayURL: string): Promise<void> {
  const provider = await startMockProvider({ rate: 1000, serviceTimeMs: 5 });
  try {
    const send = portkeySender(gatewayURL, [{ name: 'warm-up', baseURL: `${provider.url}/v1`, policy: 'openai' }]);
    const statuses = await openLoop(send, 40, 3_000);
    if (!statuses.every((status) => status === 200))
      throw new Error(`The Portkey gateway's warm-up failed: statuses ${[...new Set(statuses)].join(', ')}`);
  } finally {
    await provider.close();
  }
}
