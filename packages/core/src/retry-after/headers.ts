/**
 * The one thing core needs from a response's headers: a case-insensitive lookup. A fetch
 * `Headers` object fits as is; {@link headersFromRecord} adapts a plain object (axios).
 */
export interface HeaderLookup {
  get(name: string): string | null | undefined;
}

/** Adapts a plain header object with any key casing; array values are joined with ", ". */
export function headersFromRecord(record: Readonly<Record<string, unknown>>): HeaderLookup {
  const lower = new Map<string, string>();
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined || value === null) continue;
    lower.set(key.toLowerCase(), Array.isArray(value) ? value.map(String).join(', ') : String(value));
  }
  return { get: (name) => lower.get(name.toLowerCase()) };
}

/** Reads a header safely: a throwing or odd lookup yields `undefined`, never an exception. */
export function readHeader(headers: HeaderLookup | undefined, name: string): string | undefined {
  try {
    const value = headers?.get(name);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
