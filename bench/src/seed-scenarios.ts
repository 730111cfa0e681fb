/**
 * Every error code on the two seeded providers' own pages (Together AI's "Error Codes",
 * 4AllAPI's "Common Error Codes"), with a body in that provider's style. The demo and the
 * integration tests replay them.
 */
export interface SeedScenario {
  readonly preset: 'together' | '4allapi';
  readonly status: number;
  /** The provider error code in the body, when the row depends on it. */
  readonly code?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export const SEED_SCENARIOS: readonly SeedScenario[] = [
  { preset: 'together', status: 400 },
  { preset: 'together', status: 401 },
  { preset: 'together', status: 402 },
  { preset: 'together', status: 403 },
  { preset: 'together', status: 404 },
  { preset: 'together', status: 429, code: 'dynamic_request_limited', headers: { 'retry-after': '1' } },
  { preset: 'together', status: 500 },
  { preset: 'together', status: 503 },
  { preset: '4allapi', status: 400 },
  { preset: '4allapi', status: 401 },
  { preset: '4allapi', status: 403, code: 'insufficient_user_quota' },
  { preset: '4allapi', status: 404 },
  { preset: '4allapi', status: 413 },
  { preset: '4allapi', status: 429 },
  { preset: '4allapi', status: 500 },
  { preset: '4allapi', status: 503 },
  { preset: '4allapi', status: 503, code: 'model_not_found' },
  { preset: '4allapi', status: 504 },
  { preset: '4allapi', status: 524 },
];

/** An error body shaped like the provider's. */
export function seedBody(scenario: SeedScenario): string {
  const code = scenario.code ?? (scenario.preset === 'together' ? null : '');
  const message = `demo ${scenario.status}${scenario.code ? ` ${scenario.code}` : ''}`;
  if (scenario.preset === 'together') {
    return JSON.stringify({ error: { message, type: scenario.code ?? 'invalid_request_error', param: null, code } });
  }
  return JSON.stringify({
    error: { message: `${message} (request id: 20261122000000000000)`, type: 'new_api_error', param: '', code },
  });
}
