import type { Row } from './row.js';
import { ROWS_A_B } from './rows-a-b.js';
import { ROWS_C } from './rows-c.js';
import { ROWS_D_F } from './rows-d-f.js';
import { ROWS_G } from './rows-g.js';
import { ROWS_H } from './rows-h.js';
import { ROWS_H2 } from './rows-h2.js';
import { ROWS_I } from './rows-i.js';
import { ROWS_J } from './rows-j.js';

const number = (row: Row) => Number(row.id.slice(1));

/** All 58 rows of the fault catalogue, in the order of reliability.md §9.2. */
export const ROWS: readonly Row[] = [
  ...ROWS_A_B,
  ...ROWS_C,
  ...ROWS_H2,
  ...ROWS_D_F,
  ...ROWS_G,
  ...ROWS_H,
  ...ROWS_I,
  ...ROWS_J,
].sort((a, b) => number(a) - number(b));
