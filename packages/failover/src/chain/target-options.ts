import { ConfigError } from '@staunch/core';
import type { PolicyOption } from '@staunch/presets';
import type { BreakerOptions } from '../breaker/breaker-options.js';
import type { ModelRewrite } from './rewrite-model.js';

/** One destination of a chain. */
export interface TargetOptions {
  /** Shown in errors, events and the route report. Unique within the chain. */
  readonly name: string;
  /** Requests whose URL starts with it enter the chain here; on failover the rest of the URL is appended to the next target's. */
  readonly baseURL: string;
  /** This target's policy: a preset name, a policy input or a built policy. @default 'default' */
  readonly policy?: PolicyOption;
  /** Replace the request's headers of the same names (case-insensitive) at this target. */
  readonly headers?: Readonly<Record<string, string>>;
  /** API keys of this target, each put where its provider expects it; calls are routed among them by headroom. */
  readonly keys?: readonly string[];
  /** The model this target gets: a string (always) or a map from the requested model. Applied to a JSON body's `model`. */
  readonly model?: ModelRewrite;
  /** Lower goes first; equal priorities share calls by headroom. @default the target's place in the list */
  readonly priority?: number;
  /** This target's breaker settings (and its keys'), over the chain's. */
  readonly breaker?: BreakerOptions;
}

const TARGET_KEYS = ['name', 'baseURL', 'policy', 'headers', 'keys', 'model', 'priority', 'breaker'];

/** Checks one target as written, naming the field, the value and the fix. */
export function validateTarget(field: string, value: unknown, names: Set<string>): TargetOptions {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(field, `expected an object with name and baseURL, got ${show(value)}.`);
  }
  const target = value as Record<string, unknown>;
  for (const key of Object.keys(target)) {
    if (!TARGET_KEYS.includes(key))
      throw new ConfigError(`${field}.${key}`, `unknown option. Known options: ${TARGET_KEYS.join(', ')}.`);
  }
  if (typeof target.name !== 'string' || target.name.trim() === '') {
    throw new ConfigError(
      `${field}.name`,
      `expected a non-empty string, got ${show(target.name)}. Name the target ('openai', 'backup').`,
    );
  }
  if (names.has(target.name))
    throw new ConfigError(`${field}.name`, `"${target.name}" names two targets: give each its own name.`);
  names.add(target.name);
  if (
    typeof target.baseURL !== 'string' ||
    !/^https?:\/\/[^/]/i.test(target.baseURL) ||
    !URL.canParse(target.baseURL)
  ) {
    throw new ConfigError(
      `${field}.baseURL`,
      `expected an absolute http(s) URL, got ${show(target.baseURL)}, e.g. 'https://api.openai.com/v1'.`,
    );
  }
  if (target.headers !== undefined) stringRecord(`${field}.headers`, target.headers, "{ authorization: 'Bearer …' }");
  if (target.keys !== undefined) {
    const keys = target.keys;
    if (!Array.isArray(keys) || keys.length === 0 || keys.some((k) => typeof k !== 'string' || k === '')) {
      throw new ConfigError(
        `${field}.keys`,
        `expected a non-empty array of non-empty strings, got ${show(keys)}. Leave it out to send the request's own credentials.`,
      );
    }
  }
  if (target.model !== undefined && typeof target.model !== 'string') {
    stringRecord(`${field}.model`, target.model, "'gpt-4o-mini' or { 'gpt-4o-mini': 'meta-llama/…' }");
  }
  if (target.priority !== undefined && (typeof target.priority !== 'number' || !Number.isFinite(target.priority))) {
    throw new ConfigError(
      `${field}.priority`,
      `expected a finite number, got ${show(target.priority)}. Lower goes first.`,
    );
  }
  return target as unknown as TargetOptions;
}

function stringRecord(field: string, value: unknown, example: string): void {
  const ok =
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string');
  if (!ok) throw new ConfigError(field, `expected an object of strings, got ${show(value)}, e.g. ${example}.`);
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return 'an array';
  if (value === null || typeof value !== 'object') return String(value);
  return 'an object';
}
