// Type-checked in CI (`pnpm typecheck`) against the real SDK packages; docs/adapters.md quotes it.
// Each SDK gets Staunch's fetch and has its own retries turned off, so attempts never multiply.
import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import Anthropic from '@anthropic-ai/sdk';
import { Mistral } from '@mistralai/mistralai';
import { HTTPClient } from '@mistralai/mistralai/lib/http.js';
import { createFetch } from '@staunch/fetch';
import { generateText } from 'ai';
import Groq from 'groq-sdk';
import OpenAI from 'openai';
import Together from 'together-ai';

export const openai = new OpenAI({ fetch: createFetch({ policy: 'openai' }), maxRetries: 0 });

export const anthropic = new Anthropic({ fetch: createFetch({ policy: 'anthropic' }), maxRetries: 0 });

export const groq = new Groq({ fetch: createFetch({ policy: 'groq' }), maxRetries: 0 });

export const together = new Together({ fetch: createFetch({ policy: 'together' }), maxRetries: 0 });

const mistralFetch = createFetch({ policy: 'mistral' });
export const mistral = new Mistral({
  httpClient: new HTTPClient({ fetcher: (input, init) => mistralFetch(input, init) }),
  retryConfig: { strategy: 'none' },
});

export async function viaVercelAi(prompt: string): Promise<string> {
  const openaiProvider = createOpenAI({ fetch: createFetch({ policy: 'openai' }) });
  const anthropicProvider = createAnthropic({ fetch: createFetch({ policy: 'anthropic' }) });
  const first = await generateText({ model: openaiProvider('gpt-4o-mini'), prompt, maxRetries: 0 });
  const second = await generateText({ model: anthropicProvider('claude-sonnet-4-5'), prompt, maxRetries: 0 });
  return `${first.text}\n${second.text}`;
}
