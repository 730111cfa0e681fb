// The public surface of @staunch/presets.
export { fourAllApi } from './four-all-api.js';
export type { Preset } from './preset.js';
export { getPreset, type PolicyOption, PRESETS, resolvePolicy } from './registry.js';
export { together } from './together.js';
