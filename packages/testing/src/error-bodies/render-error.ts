import { anthropicStyle } from './anthropic-style.js';
import { gatewayStyle } from './gateway-style.js';
import { openAiStyle } from './openai-style.js';
import type { ErrorAnswer, ErrorStyle, Problem } from './problem.js';
import { togetherStyle } from './together-style.js';

/** Renders a refusal in the chosen provider's dialect. */
export function renderError(style: ErrorStyle, problem: Problem, requestId: string): ErrorAnswer {
  switch (style) {
    case 'together':
      return togetherStyle(problem);
    case 'gateway':
      return gatewayStyle(problem, requestId);
    case 'anthropic':
      return anthropicStyle(problem, requestId);
    default:
      return openAiStyle(problem);
  }
}
