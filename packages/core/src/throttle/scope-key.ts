/** The parts a throttle scope is made of. The key itself is hashed and never stored. */
export interface ScopeParts {
  readonly provider: string;
  /** The credential (API key or bearer token). Only its hash enters the scope. */
  readonly apiKey?: string | undefined;
  readonly model?: string | undefined;
}

/**
 * `provider:keyhash:model`. The hash (64-bit FNV-1a, hex) only separates keys from each other;
 * a scope string is safe to log and carries no usable secret.
 */
export function scopeKey(parts: ScopeParts): string {
  const key = parts.apiKey ? fnv1a64(parts.apiKey) : '-';
  const model = parts.model ? parts.model.slice(0, 128) : '-';
  return `${parts.provider}:${key}:${model}`;
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;

function fnv1a64(text: string): string {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * FNV_PRIME) & MASK_64;
  }
  return hash.toString(16).padStart(16, '0');
}
