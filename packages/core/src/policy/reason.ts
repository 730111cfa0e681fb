/**
 * What an outcome means, independent of the action taken. The throttle learns only from
 * `rate-limit`; `quota` never slows it (waiting cannot refill a spend limit).
 */
export type Reason =
  | 'rate-limit'
  | 'quota'
  | 'billing'
  | 'overloaded'
  | 'server-error'
  | 'gateway-timeout'
  | 'timeout'
  | 'network'
  | 'invalid-request'
  | 'auth'
  | 'permission'
  | 'not-found'
  | 'model-not-found'
  | 'too-large'
  | 'context-length'
  | 'content-filter'
  | 'conflict'
  | 'client-error'
  | 'unknown';

export const REASONS: readonly Reason[] = [
  'rate-limit',
  'quota',
  'billing',
  'overloaded',
  'server-error',
  'gateway-timeout',
  'timeout',
  'network',
  'invalid-request',
  'auth',
  'permission',
  'not-found',
  'model-not-found',
  'too-large',
  'context-length',
  'content-filter',
  'conflict',
  'client-error',
  'unknown',
];
