/** Where a provider expects its API key: a header, and a prefix before the key. */
export interface KeyPlacement {
  readonly header: string;
  readonly prefix: string;
}

const BEARER: KeyPlacement = Object.freeze({ header: 'authorization', prefix: 'Bearer ' });

// src: Anthropic "API overview" (x-api-key); Azure OpenAI REST reference (api-key); Gemini API
// reference (x-goog-api-key); OpenAI and the OpenAI-compatible hosts and gateways (Bearer).
const BY_PRESET: Readonly<Record<string, KeyPlacement>> = Object.freeze({
  anthropic: Object.freeze({ header: 'x-api-key', prefix: '' }),
  'azure-openai': Object.freeze({ header: 'api-key', prefix: '' }),
  gemini: Object.freeze({ header: 'x-goog-api-key', prefix: '' }),
});

/** The credential headers a request may carry to one provider, dropped before it goes to another. */
export const CREDENTIAL_HEADERS: readonly string[] = Object.freeze([
  'authorization',
  'x-api-key',
  'api-key',
  'x-goog-api-key',
]);

/** Where the keys of a target whose policy is `presetName` go. */
export function keyPlacementFor(presetName: string): KeyPlacement {
  return BY_PRESET[presetName] ?? BEARER;
}
