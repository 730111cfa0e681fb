import type { Row } from './row.js';

// §9.2 C26: HTTP/2 GOAWAY and RST_STREAM.
export const ROWS_H2: readonly Row[] = [
  {
    id: 'C26',
    title: 'HTTP/2 GOAWAY / RST_STREAM',
    notApplicable:
      'no adapter speaks HTTP/2 here: Node fetch (undici) and axios use HTTP/1.1 by default, ky rides on fetch',
  },
];
