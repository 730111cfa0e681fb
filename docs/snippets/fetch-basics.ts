// Type-checked in CI (`pnpm typecheck`); docs quote it.
import { isHttpError, isRetryAfterTooLongError } from '@staunch/core';
import { createFetch } from '@staunch/fetch';

export async function summarise(prompt: string): Promise<string> {
  const fetch = createFetch({ policy: 'together', throwHttpErrors: true });
  fetch.onRetry((event) => console.info(`retry in ${event.delayMs} ms: ${event.reason}`));
  try {
    const response = await fetch('https://api.together.xyz/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: `Bearer ${process.env.TOGETHER_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
        messages: [{ role: 'user', content: prompt }],
      }),
      signal: AbortSignal.timeout(60_000),
    });
    const body = (await response.json()) as { choices: Array<{ message: { content: string } }> };
    return body.choices[0]?.message.content ?? '';
  } catch (error) {
    if (isRetryAfterTooLongError(error)) throw new Error(`Come back at ${new Date(error.retryAt ?? 0).toISOString()}`);
    if (isHttpError(error)) throw new Error(`${error.status} ${error.reason}: ${error.hint}`);
    throw error;
  }
}
