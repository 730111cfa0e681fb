/** The most values one path may yield, so a hostile body cannot make a path fan out without end. */
const MAX_VALUES = 64;

/**
 * Every value at a dotted path in parsed JSON. A segment ending in `[]` steps into each element
 * of an array (`error.details[].reason`). Only own properties are followed. Never throws.
 */
export function valuesAt(root: unknown, path: string): unknown[] {
  let nodes: unknown[] = [root];
  for (const segment of path.split('.')) {
    const fanOut = segment.endsWith('[]');
    const name = fanOut ? segment.slice(0, -2) : segment;
    const next: unknown[] = [];
    for (const node of nodes) {
      if (typeof node !== 'object' || node === null || !Object.hasOwn(node, name)) continue;
      const value = (node as Record<string, unknown>)[name];
      if (!fanOut) next.push(value);
      else if (Array.isArray(value)) next.push(...value.slice(0, MAX_VALUES));
    }
    nodes = next.slice(0, MAX_VALUES);
  }
  return nodes;
}
