import type { HintStyle } from '@staunch/testing';
import type { ServerSetup } from '../scenarios/scenario.js';
import type { SweepContender } from './sweep-point.js';

type DialectSetup = Pick<ServerSetup, 'hint' | 'headersOnSuccess' | 'resetMeaning' | 'errorStyle'>;

/**
 * How a server speaks each hint dialect, as the provider it mimics does: providers with
 * rate-limit headers send them on every answer; OpenAI, Anthropic and Groq document resets as
 * "until the limit is whole again" (`full`); error bodies in the provider's own style.
 */
const DIALECTS: Readonly<Record<HintStyle, DialectSetup>> = {
  none: { hint: 'none' },
  'retry-after': { hint: 'retry-after' },
  'retry-after-date': { hint: 'retry-after-date' },
  'retry-after-ms': { hint: 'retry-after-ms' },
  openai: { hint: 'openai', headersOnSuccess: true, resetMeaning: 'full' },
  'openai-ms': { hint: 'openai-ms', headersOnSuccess: true, resetMeaning: 'full' },
  together: { hint: 'together', headersOnSuccess: true, errorStyle: 'together' },
  anthropic: { hint: 'anthropic', headersOnSuccess: true, resetMeaning: 'full', errorStyle: 'anthropic' },
  groq: { hint: 'groq', headersOnSuccess: true, resetMeaning: 'full' },
  'gateway-empty': { hint: 'gateway-empty' },
};

/** The preset a user would pick for a server speaking the dialect; undefined: nothing but the default fits. */
const PRESETS: Partial<Record<HintStyle, string>> = {
  'retry-after-ms': 'openai',
  openai: 'openai',
  'openai-ms': 'openai',
  together: 'together',
  anthropic: 'anthropic',
  groq: 'groq',
};

/** Headroom of Groq points' per-minute token limit over what their request rate uses: it shows, it never binds. */
const GROQ_TOKEN_HEADROOM = 2;
const SECONDS_PER_MINUTE = 60;

export const ORACLE: SweepContender = { label: 'bottleneck-oracle', client: 'bottleneck-oracle', role: 'oracle' };
export const RAW_FETCH: SweepContender = { label: 'fetch', client: 'fetch', role: 'baseline' };

/**
 * The server options of a dialect at `rate`. A Groq server enforces a per-day request quota
 * (14,400, Groq's example, too large to bind in a run), the binding per-second request bucket
 * (Groq's RPM, which no header shows) and a per-minute token limit the headers describe.
 */
export function dialectServer(hint: HintStyle, rate: number, tokensPerRequest: number): Partial<ServerSetup> {
  const setup = DIALECTS[hint];
  if (hint !== 'groq') return setup;
  const tokensPerSecond = rate * tokensPerRequest * GROQ_TOKEN_HEADROOM;
  return { ...setup, tokensPerSecond, tokenBurst: tokensPerSecond * SECONDS_PER_MINUTE };
}

/** Staunch under the dialect's preset and under the default policy (once, when they are the same). */
export function subjects(hint: HintStyle): SweepContender[] {
  const preset = PRESETS[hint];
  const fallback: SweepContender = {
    label: 'staunch · default',
    client: 'staunch',
    policy: 'default',
    role: 'subject',
  };
  if (preset === undefined) return [fallback];
  return [{ label: `staunch · ${preset}`, client: 'staunch', policy: preset, role: 'subject' }, fallback];
}
