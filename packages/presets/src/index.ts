// The public surface of @staunch/presets.
export { fourAllApi } from './four-all-api.js';
export type { Preset } from './preset.js';
export { getPreset, PRESETS, type PolicyOption, resolvePolicy } from './registry.js';
export { together } from './together.js';
