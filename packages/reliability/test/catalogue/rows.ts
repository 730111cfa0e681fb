import type { Row } from './row.js';
import { ROWS_A_B } from './rows-a-b.js';
import { ROWS_C } from './rows-c.js';
import { ROWS_D_F } from './rows-d-f.js';
import { ROWS_G_J } from './rows-g-j.js';

/** All 58 rows of the fault catalogue, in the order of reliability.md §9.2. */
export const ROWS: readonly Row[] = [...ROWS_A_B, ...ROWS_C, ...ROWS_D_F, ...ROWS_G_J];
