// The public surface of @staunch/presets. Every export is listed by hand.
export { anthropic } from './anthropic.js';
export { azureOpenai } from './azure-openai.js';
export { cloudflareRules } from './cloudflare.js';
export { cohere } from './cohere.js';
export { deepseek } from './deepseek.js';
export { fireworks } from './fireworks.js';
export { fourAllApi } from './four-all-api.js';
export { gemini } from './gemini.js';
export { groq } from './groq.js';
export { mistral } from './mistral.js';
export { openai } from './openai.js';
export { openrouter } from './openrouter.js';
export { createPolicyEngine, type StaunchOptions } from './policy-engine.js';
export type { Preset } from './preset.js';
export { getPreset, type PolicyOption, PRESETS, resolvePolicy } from './registry.js';
export { together } from './together.js';
