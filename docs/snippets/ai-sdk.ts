// Type-checked in CI (`pnpm typecheck`) against ai 7 and @ai-sdk/openai 4; docs/adapters.md
// quotes it. packages/sdk-tests runs the same calls against the loopback mock provider.
import { createOpenAI } from '@ai-sdk/openai';
import { createFetch } from '@staunch/fetch';
import { generateText, streamText } from 'ai';

const openai = createOpenAI({ fetch: createFetch({ policy: 'openai' }) });

export async function answer(prompt: string): Promise<string> {
  const { text } = await generateText({ model: openai.chat('gpt-4o-mini'), prompt, maxRetries: 0 });
  return text;
}

export async function streamAnswer(prompt: string, write: (text: string) => void): Promise<void> {
  const result = streamText({ model: openai.chat('gpt-4o-mini'), prompt, maxRetries: 0 });
  // A stream that breaks before its first token was retried by Staunch; one that breaks after
  // it throws here (an APICallError whose cause is Staunch's StreamError, partial: true).
  for await (const text of result.textStream) write(text);
}
