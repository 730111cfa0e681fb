import { createHash } from 'node:crypto';

const ANSWERS = [
  'The mock provider answered this request without fault.',
  'A canned reply: the request reached the model and came back whole.',
  'Deterministic text from the Staunch mock provider, chosen by the prompt.',
  'This answer is always the same for the same prompt.',
];

/**
 * The content of an answer: chosen by the hash of the prompt (`messages`, else the whole body),
 * so one prompt always gets one answer, streamed or not.
 */
export function cannedText(bodyText: string): string {
  const digest = createHash('sha256').update(promptOf(bodyText)).digest();
  return ANSWERS[(digest[0] ?? 0) % ANSWERS.length] ?? '';
}

export interface CompletionFacts {
  readonly id: string;
  readonly model: string;
  /** Epoch seconds, as OpenAI's `created`. */
  readonly created: number;
  readonly text: string;
  readonly promptTokens: number;
}

/** A non-streaming `chat.completion` object. */
export function completionJson(facts: CompletionFacts): string {
  const completionTokens = Math.ceil(facts.text.length / 4);
  return JSON.stringify({
    id: facts.id,
    object: 'chat.completion',
    created: facts.created,
    model: facts.model,
    choices: [{ index: 0, message: { role: 'assistant', content: facts.text }, finish_reason: 'stop' }],
    usage: {
      prompt_tokens: facts.promptTokens,
      completion_tokens: completionTokens,
      total_tokens: facts.promptTokens + completionTokens,
    },
  });
}

/** `chat.completion.chunk` payloads: the role, one chunk per word, then `finish_reason: stop`. */
export function completionChunks(facts: CompletionFacts): string[] {
  const chunk = (delta: object, finish: string | null) =>
    JSON.stringify({
      id: facts.id,
      object: 'chat.completion.chunk',
      created: facts.created,
      model: facts.model,
      choices: [{ index: 0, delta, finish_reason: finish }],
    });
  const words = facts.text.split(/(?<= )/);
  return [
    chunk({ role: 'assistant', content: '' }, null),
    ...words.map((word) => chunk({ content: word }, null)),
    chunk({}, 'stop'),
  ];
}

function promptOf(bodyText: string): string {
  try {
    const body = JSON.parse(bodyText) as { messages?: unknown };
    return body.messages === undefined ? bodyText : JSON.stringify(body.messages);
  } catch {
    return bodyText;
  }
}
