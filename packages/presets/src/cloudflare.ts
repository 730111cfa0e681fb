import type { RuleInput } from '@staunch/core';

// Cloudflare's own 52x statuses, for providers whose API sits behind it (Cloudflare support,
// "5xx server errors"; providers.md §13.3). They describe the hop to the provider, not the request.
// gap: Cloudflare's own answers are usually HTML pages ("Error 524: A timeout occurred", or
// Anthropic's 413 over 32 MB). An HTML body yields no code or message, so such a page gets the
// same rule as the provider's own answer with that status; core would need a rule condition on
// an HTML body or on the `server: cloudflare` / `cf-ray` headers.
// gap: for 521, 523 and 530 the better move after a retry is another provider (failover); rules
// can only retry or fail, so switching is left to the caller.
const ORIGIN_DOWN =
  'Cloudflare could not reach the provider; retried with backoff. Check its status page if it persists.';

export const cloudflareRules: Readonly<Record<string, RuleInput>> = {
  // 520: the origin answered with an empty or malformed response.
  '520': { action: 'retry', reason: 'server-error' },
  // 521: the origin refused the connection; 523: no route to it.
  '521': { action: 'retry', reason: 'server-error', hint: ORIGIN_DOWN },
  '522': { action: 'retry', reason: 'gateway-timeout', hint: ORIGIN_DOWN },
  '523': { action: 'retry', reason: 'server-error', hint: ORIGIN_DOWN },
  // 524: connected, but no response headers within Cloudflare's read timeout (100 s by default).
  // The provider may still be generating, and billing, so a second try is the most we risk.
  '524': {
    action: 'retry',
    reason: 'gateway-timeout',
    maxAttempts: 2,
    hint: 'The provider took longer than Cloudflare waits (about 100 s) to start answering; retried once only, since it may still be generating and billing. Stream long generations so headers arrive early.',
  },
  // 525/526: TLS between Cloudflare and the provider failed; the caller cannot fix it by retrying.
  '525-526': {
    action: 'fail',
    reason: 'server-error',
    hint: "Cloudflare could not open a secure connection to the provider's servers: a fault on the provider's side; check its status page or use another provider.",
  },
  // 530: returned together with a 1xxx Cloudflare error page (for example the origin's DNS).
  '530': { action: 'retry', reason: 'server-error', hint: ORIGIN_DOWN },
};
