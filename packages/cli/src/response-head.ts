import { type HeaderLookup, headersFromRecord } from '@staunch/core';

/** A response head as `curl -i` (or `curl -sD -`) prints it. */
export interface ResponseHead {
  readonly status: number | undefined;
  /** In order, names as written. */
  readonly entries: readonly (readonly [string, string])[];
  readonly headers: HeaderLookup;
}

const STATUS_LINE = /^HTTP\/[\d.]+\s+(\d{3})\b/i;

/**
 * Reads the last response head in `text`: curl prints one per hop (`100 Continue`, a proxy's
 * `200 Connection established`, redirects with `-L`), and the last one is the answer. Lines
 * without a status line are read as bare `Name: value` headers. The body, if any, is ignored.
 */
export function parseResponseHead(text: string): ResponseHead {
  const rows = text.replace(/\r/g, '').split('\n');
  let status: number | undefined;
  let entries: [string, string][] = [];
  let inHead = true;
  for (const row of rows) {
    const statusLine = STATUS_LINE.exec(row);
    if (statusLine !== null) {
      status = Number(statusLine[1]);
      entries = [];
      inHead = true;
      continue;
    }
    if (row.trim() === '') {
      inHead = false;
      continue;
    }
    if (!inHead) continue;
    const colon = row.indexOf(':');
    if (colon <= 0) continue;
    entries.push([row.slice(0, colon).trim(), row.slice(colon + 1).trim()]);
  }
  const record: Record<string, string> = {};
  for (const [name, value] of entries) {
    const key = name.toLowerCase();
    record[key] = record[key] === undefined ? value : `${record[key]}, ${value}`;
  }
  return { status, entries, headers: headersFromRecord(record) };
}
