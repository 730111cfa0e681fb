import { parseArgs } from 'node:util';
import { isConfigError } from '@staunch/core';
import { resolvePolicy } from '@staunch/presets';
import type { CliIo } from '../io.js';
import { styleFor } from '../style.js';
import { EXIT_FINDING, EXIT_OK, UsageError } from '../usage-error.js';

export const VALIDATE_USAGE = `Usage: staunch validate <policy.json> [--json]

Checks a policy file the way the adapters do when they build it. Prints "ok", or every error
with its JSON path and the fix; exits 1 when there is any.

  --json      one JSON object on stdout: {"ok": true} or {"ok": false, "errors": [{"path", "message"}]}
  -h, --help  this help`;

export interface PolicyProblem {
  /** A JSON path into the file (`$.rules["429"].backoff.baseMs`). */
  readonly path: string;
  /** What is wrong and how to fix it. */
  readonly message: string;
}

/** `maxAttempts`, `rules["429"].backoff` → `$.maxAttempts`, `$.rules["429"].backoff`. */
function jsonPath(field: string): string {
  if (field === '') return '$';
  return field.startsWith('[') ? `$${field}` : `$.${field}`;
}

function problemOf(error: unknown): PolicyProblem {
  if (isConfigError(error)) {
    const prefix = `${error.field}: `;
    const message = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
    return { path: jsonPath(error.field), message };
  }
  return { path: '$', message: error instanceof Error ? error.message : String(error) };
}

function check(input: unknown): PolicyProblem | undefined {
  try {
    resolvePolicy(input as Parameters<typeof resolvePolicy>[0]);
    return undefined;
  } catch (error) {
    return problemOf(error);
  }
}

/**
 * Every error, not only the first: building a policy stops at its first error, so each field is
 * checked alone (each rule alone, beside the file's `extends`), then the whole file once for what
 * only shows together (overlapping rules), keeping errors not already reported.
 */
export function policyProblems(input: unknown): PolicyProblem[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return [{ path: '$', message: 'expected a JSON object (a policy), e.g. {"extends": "openai", "maxAttempts": 4}.' }];
  }
  const record = input as Record<string, unknown>;
  const base = 'extends' in record ? { extends: record.extends } : {};
  const problems: PolicyProblem[] = [];
  const add = (problem: PolicyProblem | undefined) => {
    if (problem !== undefined && !problems.some((p) => p.path === problem.path && p.message === problem.message))
      problems.push(problem);
  };
  for (const [key, value] of Object.entries(record)) {
    const rules = value as Record<string, unknown> | null;
    if (key === 'rules' && typeof rules === 'object' && rules !== null && !Array.isArray(rules)) {
      for (const [ruleKey, rule] of Object.entries(rules)) add(check({ ...base, rules: { [ruleKey]: rule } }));
    } else {
      add(check({ ...base, [key]: value }));
    }
  }
  if (problems.length === 0) add(check(input));
  return problems;
}

export async function validate(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help === true) {
    io.stdout(`${VALIDATE_USAGE}\n`);
    return EXIT_OK;
  }
  const [file, ...extra] = positionals;
  if (file === undefined) throw new UsageError('validate needs a policy file.');
  if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}.`);
  let text: string;
  try {
    text = await io.readFile(file);
  } catch (error) {
    throw new UsageError(`cannot read ${JSON.stringify(file)}: ${(error as Error).message}`);
  }
  let problems: PolicyProblem[];
  try {
    problems = policyProblems(JSON.parse(text));
  } catch (error) {
    problems = [{ path: '$', message: `not JSON: ${(error as Error).message}. Fix the syntax first.` }];
  }
  const style = styleFor(io);
  if (values.json === true) {
    io.stdout(`${JSON.stringify(problems.length === 0 ? { ok: true } : { ok: false, errors: problems })}\n`);
  } else if (problems.length === 0) {
    io.stdout(`${style.good('ok')}\n`);
  } else {
    for (const problem of problems) io.stdout(`${style.bad(problem.path)}: ${problem.message}\n`);
    io.stdout(`${problems.length} error${problems.length === 1 ? '' : 's'} in ${file}\n`);
  }
  return problems.length === 0 ? EXIT_OK : EXIT_FINDING;
}
