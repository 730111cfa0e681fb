import { awsAdaptiveClient } from './aws-adaptive.js';
import { axiosRetryClient } from './axios-retry.js';
import { bottleneckOracle } from './bottleneck-oracle.js';
import { cockatielClient } from './cockatiel.js';
import { kyClient } from './ky.js';
import { openaiClient } from './openai-sdk.js';
import { pRetryClient } from './p-retry.js';
import { plainFetch } from './plain-fetch.js';
import { staunchClient, staunchUnthrottledClient } from './staunch.js';
import { staunchRedisClient } from './staunch-redis.js';
import type { ClientFactory } from './types.js';

/** Every contender, in the order tables list them. */
export const CLIENTS: Readonly<Record<string, ClientFactory>> = {
  fetch: plainFetch,
  'p-retry': pRetryClient,
  ky: kyClient,
  'axios-retry': axiosRetryClient,
  openai: openaiClient,
  cockatiel: cockatielClient,
  'bottleneck-oracle': bottleneckOracle,
  'aws-adaptive': awsAdaptiveClient,
  staunch: staunchClient,
  'staunch-unthrottled': staunchUnthrottledClient,
  'staunch-redis': staunchRedisClient,
};

export const CLIENT_NAMES: readonly string[] = Object.keys(CLIENTS);

/** Clients a scenario runs when it names none: every contender, not the diagnostic variants nor those needing Redis. */
export const DEFAULT_CLIENTS: readonly string[] = CLIENT_NAMES.filter(
  (name) => name !== 'staunch-unthrottled' && name !== 'staunch-redis',
);
