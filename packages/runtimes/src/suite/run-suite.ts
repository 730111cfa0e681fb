import type { StaunchFetch } from '@staunch/fetch';
import { FETCH_CASES } from './cases-fetch.js';
import { STREAM_CASES } from './cases-stream.js';
import { throttleCases } from './cases-throttle.js';
import { type CaseResult, type RuntimeName, runCases } from './harness.js';

export { QUICK } from './cases-fetch.js';
export type { CaseResult, RuntimeName } from './harness.js';

/** The runtime subset: the fetch adapter, the engine, the throttle and the streaming commit point. */
export function runSuite(
  runtime: RuntimeName,
  serverUrl: string,
  idPrefix: string,
  moduleScopeFetch: StaunchFetch,
  only?: string,
): Promise<CaseResult[]> {
  const all = [...FETCH_CASES, ...STREAM_CASES, ...throttleCases(moduleScopeFetch)];
  const cases = only === undefined ? all : all.filter((c) => c.name.includes(only));
  return runCases(cases, runtime, serverUrl, idPrefix);
}
