import { CPU_BLOCK_CASES } from './clock-cpu-block.js';
import { FAKE_TIMER_CASES } from './clock-fake-timers.js';
import { PROCESS_EXIT_CASES } from './clock-process-exit.js';
import { WALL_JUMP_CASES } from './clock-wall-jump.js';
import type { Row } from './row.js';

// Group G (clocks and the event loop) of reliability.md §9.2. Each row changes process-wide
// state (Date.now, the timers, the event loop, child processes), so each runs alone.
export const ROWS_G: readonly Row[] = [
  { id: 'G41', title: 'Date.now() jumps ±1 h; performance.now() normal', serial: true, cases: WALL_JUMP_CASES },
  { id: 'G42', title: '2 s synchronous CPU block during backoff', serial: true, cases: CPU_BLOCK_CASES },
  { id: 'G43', title: 'Fake timers installed by the caller after import', serial: true, cases: FAKE_TIMER_CASES },
  { id: 'G44', title: 'Process shutdown while a retry is pending', serial: true, cases: PROCESS_EXIT_CASES },
];
