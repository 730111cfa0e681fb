#!/usr/bin/env node
// staunch: the command line. The commands live in run.ts, testable without a process.
import { nodeIo } from './io.js';
import { run } from './run.js';

run(process.argv.slice(2), nodeIo()).then((code) => {
  process.exitCode = code;
});
