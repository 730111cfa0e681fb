// Type-checked in CI (`pnpm typecheck`) against @langchain/openai 1.6; docs/adapters.md quotes
// it. packages/sdk-tests runs the same calls against the loopback mock provider.
import { ChatOpenAI } from '@langchain/openai';
import { createFetch } from '@staunch/fetch';

export const model = new ChatOpenAI({
  model: 'gpt-4o-mini',
  // LangChain's caller and its OpenAI client both follow this: every retry is Staunch's.
  maxRetries: 0,
  configuration: { fetch: createFetch({ policy: 'openai' }) },
});

export async function ask(question: string): Promise<string> {
  const reply = await model.invoke(question);
  return String(reply.content);
}
