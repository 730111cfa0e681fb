import { createFetch } from '@staunch/fetch';
import { type CaseResult, QUICK, type RuntimeName, runSuite } from '../suite/run-suite.js';

// Made when the module loads, as an app does at its top level: in a Worker that is the global
// scope, where timers and random numbers are forbidden, so creating it must use neither.
const moduleScopeFetch = createFetch({ policy: QUICK });

/**
 * The one export every runtime's harness calls: the bundle of this module is what each runs.
 * `idPrefix` keeps the script ids of runtimes that share the server apart; `only` runs the cases
 * whose name contains it.
 */
export function run(
  runtime: RuntimeName,
  serverUrl: string,
  idPrefix: string = runtime,
  only?: string,
): Promise<CaseResult[]> {
  return runSuite(runtime, serverUrl, idPrefix, moduleScopeFetch, only);
}
