import { ConfigError } from '@staunch/core';

/** A compiled host pattern: `host[:port][/segment…]`, `*` standing for a label part or a path segment. */
export interface HostPattern {
  readonly source: string;
  /** Compared with the URL's host with its port when the pattern names one, else its host name. */
  readonly withPort: boolean;
  readonly host: RegExp;
  readonly path: readonly string[];
  /** Orders matches: more path segments first, then more literal host characters. */
  readonly weight: number;
}

/**
 * Compiles `api.openai.com`, `*.openai.azure.com` (one or more labels), `*-aiplatform.googleapis.com`
 * (within a label), `llm.internal:8080` or a host with a path prefix whose segments may be `*`.
 * `field` names the option in the error a malformed pattern raises.
 */
export function compileHostPattern(field: string, source: string): HostPattern {
  const text = source.trim().toLowerCase();
  if (text === '' || /^[a-z][a-z0-9+.-]*:\/\//.test(text) || /[\s?#]/.test(text)) {
    throw new ConfigError(
      field,
      `expected a host name with an optional path prefix, got ${JSON.stringify(source)}. Write it without scheme, query or spaces, e.g. "llm.internal.example" or "gateway.example/v1/openai".`,
    );
  }
  const [hostPart = '', ...segments] = text.split('/');
  const path = segments.filter((segment) => segment !== '');
  const labels = hostPart.replace(/^\*\./, '');
  const body = labels
    .split('*')
    .map((piece) => piece.replace(/[.+^${}()|[\]\\]/g, '\\$&'))
    .join('[^.]*');
  const host = new RegExp(`^${hostPart.startsWith('*.') ? '(?:[^.]+\\.)+' : ''}${body}$`);
  const literal = hostPart.replace(/\*/g, '').length;
  return { source, withPort: hostPart.includes(':'), host, path, weight: path.length * 1000 + literal };
}

/** Whether `url` falls under `pattern`: its host matches and its path starts with the pattern's segments. */
export function matchesHost(pattern: HostPattern, url: URL): boolean {
  const host = (pattern.withPort ? url.host : url.hostname).toLowerCase().replace(/\.$/, '');
  if (!pattern.host.test(host)) return false;
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  return pattern.path.every((segment, index) =>
    segment === '*' ? segments[index] !== undefined : segments[index]?.toLowerCase() === segment,
  );
}
