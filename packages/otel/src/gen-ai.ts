/**
 * `gen_ai.system` (renamed `gen_ai.provider.name` in semantic conventions 1.37; both are set) by
 * preset name: the conventions' well-known values where they list the provider, a lower-case
 * snake name in their style otherwise. A policy that is not a preset names no provider.
 */
const SYSTEMS: Readonly<Record<string, string>> = {
  openai: 'openai',
  'azure-openai': 'azure.ai.openai',
  anthropic: 'anthropic',
  gemini: 'gcp.gemini',
  mistral: 'mistral_ai',
  cohere: 'cohere',
  deepseek: 'deepseek',
  groq: 'groq',
  together: 'together_ai',
  fireworks: 'fireworks_ai',
  openrouter: 'openrouter',
  '4allapi': 'one_api',
};

export function genAiSystem(policyName: string): string | undefined {
  return Object.hasOwn(SYSTEMS, policyName) ? SYSTEMS[policyName] : undefined;
}
