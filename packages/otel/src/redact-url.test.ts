import { describe, expect, it } from 'vitest';
import { DEFAULT_REDACTED_QUERY_KEYS, redactUrl } from './redact-url.js';

const keys = new Set(DEFAULT_REDACTED_QUERY_KEYS);

describe('redactUrl', () => {
  it('replaces the values of credential query keys and keeps the rest as written', () => {
    expect(
      redactUrl('https://generativelanguage.googleapis.com/v1beta/models/g:generateContent?alt=sse&key=AIza123', keys),
    ).toBe('https://generativelanguage.googleapis.com/v1beta/models/g:generateContent?alt=sse&key=REDACTED');
    expect(redactUrl('https://gw.example/v1?API_KEY=s3cret&q=a%20b&Token=t', keys)).toBe(
      'https://gw.example/v1?API_KEY=REDACTED&q=a%20b&Token=REDACTED',
    );
  });

  it('redacts user and password, keeps the port and the fragment', () => {
    expect(redactUrl('https://user:pw@api.example:8443/v1/chat?sig=abc#x', keys)).toBe(
      'https://REDACTED:REDACTED@api.example:8443/v1/chat?sig=REDACTED#x',
    );
  });

  it('leaves a URL with nothing secret unchanged, and gives nothing for one that does not parse', () => {
    expect(redactUrl('https://api.openai.com/v1/chat/completions', keys)).toBe(
      'https://api.openai.com/v1/chat/completions',
    );
    expect(redactUrl('not a url?key=secret', keys)).toBeUndefined();
  });
});
