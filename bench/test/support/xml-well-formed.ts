/**
 * Problems that make `text` not well-formed XML, for the subset a hand-written SVG uses:
 * elements, quoted attributes, entities, no comments, CDATA or doctype. Empty when well formed.
 */
export function xmlProblems(text: string): string[] {
  const problems: string[] = [];
  const open: string[] = [];
  const token =
    /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*"[^"<]*")*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g;
  let roots = 0;
  for (const match of text.matchAll(token)) {
    const [whole, closing, name, attributes, selfClosing] = match;
    if (name === undefined) {
      problems.push(`stray '${whole}' at ${match.index}`);
      continue;
    }
    if (open.length === 0 && closing === '') roots++;
    checkAttributes(attributes ?? '', name, problems);
    if (closing === '/') {
      const expected = open.pop();
      if (expected !== name) problems.push(`</${name}> closes <${expected ?? 'nothing'}>`);
    } else if (selfClosing !== '/') {
      open.push(name);
    }
  }
  if (open.length > 0) problems.push(`unclosed: ${open.join(', ')}`);
  if (roots !== 1) problems.push(`expected one root element, found ${roots}`);
  return problems;
}

function checkAttributes(attributes: string, element: string, problems: string[]): void {
  const names = [...attributes.matchAll(/([\w:.-]+)\s*=/g)].map((m) => m[1]);
  const seen = new Set<string | undefined>();
  for (const name of names) {
    if (seen.has(name)) problems.push(`<${element}> repeats attribute ${name}`);
    seen.add(name);
  }
}
