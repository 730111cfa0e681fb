/** Options for one chat request to the mock provider. */
export interface ChatOptions {
  key?: string;
  content?: string;
  maxTokens?: number;
  model?: string;
  stream?: boolean;
  headers?: Record<string, string>;
}

/** POSTs an OpenAI chat request and returns the whole answer (status, headers, text). */
export async function chat(
  url: string,
  options: ChatOptions = {},
): Promise<{ status: number; headers: Headers; text: string }> {
  const body = {
    model: options.model ?? 'mock-model',
    messages: [{ role: 'user', content: options.content ?? 'hello' }],
    ...(options.maxTokens !== undefined && { max_tokens: options.maxTokens }),
    ...(options.stream === true && { stream: true }),
  };
  const res = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${options.key ?? 'key-1'}`,
      ...options.headers,
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** Sends `count` requests at once and returns their statuses in send order. */
export async function burst(url: string, count: number, options: ChatOptions = {}): Promise<number[]> {
  const answers = await Promise.all(Array.from({ length: count }, () => chat(url, options)));
  return answers.map((a) => a.status);
}
